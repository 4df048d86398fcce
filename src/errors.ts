/** An input that cannot be judged at all (empty, not a mail, over the size limit). */
export class InputError extends Error {
  override name = 'InputError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

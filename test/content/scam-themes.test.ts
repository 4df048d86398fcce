// Scam themes that arrive in many languages: court summonses, windfalls, storage alerts,
// training-fund offers, fake receipts. Each phrase is tried on texts written here, with the
// ordinary sentences near them that must not count.
import { describe, it } from 'node:test';
import { assertFinds, assertNot } from './helpers.ts';

describe('court summonses and criminal charges by mail', () => {
  it('finds a summons, a charge or a warrant in the languages they arrive in', async () => {
    await assertFinds('CONTENT_LEGAL_SUMMONS', [
      'Notificación Judicial. Nos ponemos en contacto porque no hemos recibido respuesta.',
      'Existe una demanda en su contra por falta de pago.',
      'NOTIFICAÇÃO JUDICIAL: inclusão de protesto em cartório do boleto.',
      'Foi expedido um mandado de intimação em seu nome.',
      'Gegen Sie wurde ein Haftbefehl erlassen.',
      'Une plainte a été déposée contre vous auprès du tribunal.',
      'A criminal complaint has been filed against you.',
      'You are hereby summoned to appear before the magistrate.',
      '裁判所から訴状が届いています。',
      '下記期日に出頭してください。',
    ]);
  });

  it('does not count news about courts, or a lawyer discussing records', async () => {
    await assertNot('CONTENT_LEGAL_SUMMONS', [
      'The court hearing on the merger is set for Tuesday; the judge asked both sides for briefs.',
      'Once you have legal recourse to subpoena records, it gets easier.',
      'O processo de seleção terminou; o resultado sai amanhã.',
      'Das Verfahren zur Anmeldung ist einfach.',
      'He was arrested in 1998 and released a year later.',
    ]);
  });

  it('reads being taken by force or arrested as a threat', async () => {
    await assertFinds('CONTENT_THREAT', [
      'Caso deixe de comparecer sem motivo justificado será conduzido coercitivamente.',
      'If you ignore this notice you will be arrested.',
      'Andernfalls werden Sie festgenommen.',
    ]);
    await assertNot('CONTENT_THREAT', ['The suspect will be arrested if found, police said.', 'Você será conduzido à sala de reunião pela recepção.']);
  });
});

describe('"we tried to reach you", data deletion and cloud storage', () => {
  it('reads the Dutch "we tried to reach you" even with words glued by dots and dashes', async () => {
    await assertFinds('CONTENT_URGENCY', ['-Wij-hebben geprobeerd u..te bereiken.Reageer alstublieft!', 'We hebben meerdere keren geprobeerd je te bereiken.', 'Reageer zo snel mogelijk op dit bericht.']);
    await assertNot('CONTENT_URGENCY', ['We hebben geprobeerd het recept te verbeteren.', 'Reageer gerust als je vragen hebt.']);
  });

  it('finds the threat to delete your data in Portuguese and Spanish', async () => {
    await assertFinds('CONTENT_THREAT', ['Todos os seus dados serão completamente excluídos em 13/02.', 'Sus archivos se eliminarán mañana.']);
    await assertNot('CONTENT_THREAT', ['Seu e-mail será removido da nossa lista.', 'Os dados serão usados apenas para a entrega.', 'El archivo se encuentra adjunto.']);
  });

  it('finds full-storage alerts and the threat to lose photos and videos', async () => {
    await assertFinds('CONTENT_MAILBOX_LURE', [
      'Alerta de almacenamiento de iCloud: te estás quedando sin espacio.',
      'Su almacenamiento en iCloud está lleno.',
      'Ihr iCloud-Speicher ist voll.',
      'Votre stockage est plein.',
      'Você está ficando sem armazenamento.',
      'Uw opslagruimte is bijna vol.',
      'You are running out of iCloud storage.',
      'Final warning: all your photos and videos will be removed!',
      'Upgrade now to prevent loss of your precious files, photos, and videos.',
      'Se você não resolver hoje, seus dados serão excluídos em 2026.02.13, incluindo suas fotos e vídeos.',
      'Último aviso: tus fotos y vídeos serán eliminados.',
      'iCloudのストレージ容量が不足しています。',
      'ストレージの空き容量が残りわずかです。',
    ]);
    await assertNot('CONTENT_MAILBOX_LURE', [
      'Documentary evidence, like maps of the debris piles, rare photos and videos, has also been collected.',
      'The pictures and videos will come, never fear.',
      'Veja as fotos e vídeos da nossa viagem.',
      'Der Speicher des Ofens hält die Wärme.',
      'De trein was vol vanochtend.',
      '写真の容量を小さくして送ります。',
    ]);
  });
});

describe('windfalls, claimable rewards and the CPF offer', () => {
  it('finds money said to be waiting for you, and rewards said to be ready to claim', async () => {
    await assertFinds('CONTENT_PRIZE_LURE', [
      'Your account already has 18,365$ waiting.',
      'The main thing is to have time to withdraw your 11736$.',
      'You are now rich +28,282$ on your balance!',
      'Active__mining__balance__0.7495__BTC',
      'Bitcoin.Transaction.0.7495.BTC',
      'Hello. You have a new incoming transaction 21337712216. Verify, and order the withdrawal of funds.',
      'Votre solde est prêt à être retiré.',
      'Your stETH Rewards are Ready!',
      'As a valued member, you are eligible to claim your tokens.',
      'Claim your share of 10.3M OP tokens.',
      'Your eligibility for the latest airdrop has been confirmed!',
      "Great News! You've Been Handpicked for Something Extraordinary!",
      'Vérifiez vos droits CPF maintenant',
      'Profitez de votre financement CPF !',
    ]);
    await assertNot('CONTENT_PRIZE_LURE', [
      'Your account already has two-factor authentication turned on.',
      'You can withdraw your application at any time before the deadline.',
      'We have received your payment of $40.00. Thank you.',
      'The bitcoin balance sheet of the exchange was published in 2014.',
      'Your order is ready for pickup at the store.',
      'You are eligible for a free upgrade of the operating system.',
      'Les droits de formation sont décrits dans le code du travail.',
    ]);
  });

  it('reads rights that "expire soon" in French as urgency', async () => {
    await assertFinds('CONTENT_URGENCY', ['Utilisez vos droits CPF avant qu’ils n’expirent', 'Vos chèques-vacances expirent bientôt.']);
    await assertNot('CONTENT_URGENCY', ['Le contrat expire en 2030.', 'Les abonnements annuels expirent le 31 décembre.']);
  });
});

describe('gambling offers', () => {
  it('finds deposit bonuses and wagering contests as spam offers', async () => {
    await assertFinds('CONTENT_SPAM_OFFER', ['Unlock a 300% Bonus Exclusively for You!', 'Get a first deposit bonus today', 'Wagering Contest and Referral Contest', 'Play big, win big, and make July your month.', '> BITCOIN DICE: triple your rewards with every roll', 'Earn up to 5000 tickets with every Wheel of Fortune free spin']);
    await assertNot('CONTENT_SPAM_OFFER', ['Employees receive a 10% bonus in December.', 'Your deposit was received.', 'The kids love to play outside.', 'Bitcoin mining uses a lot of power.', 'The dice game is free to play at the fair.']);
  });
});

describe('password expiry, data updates, spam from your address, customs and deposits', () => {
  it('finds each lure in the wording it arrives in', async () => {
    await assertFinds('CONTENT_MAILBOX_LURE', ['Your mailbox password is expiring!', 'To keep using your current password, use the button below.', 'Sua senha para este e-mail expirará em breve.', 'MANTER SENHA ATUAL']);
    await assertFinds('CONTENT_SECRET_REQUEST', ['É necessário a atualização de seus dados cadastrais em nossos sistemas.']);
    await assertFinds('CONTENT_UNUSUAL_ACTIVITY', ['Tausende Spam-Nachrichten wurden von Ihrer E-Mail-Adresse gesendet.', 'Thousands of spam messages were sent from your email address.']);
    await assertFinds('CONTENT_URGENCY', ['Ordem de Retirada Correios Ultimo Aviso']);
    await assertFinds('CONTENT_DELIVERY_LURE', ['Pedido parado na alfândega 325846', 'Sua encomenda está temporariamente retida pela alfândega.']);
    await assertFinds('CONTENT_PRIZE_LURE', ['We have deposited the 27 BTC which amount to $670,949 into your portfolio.']);
  });

  it('does not count the ordinary sentences next to them', async () => {
    await assertNot('CONTENT_MAILBOX_LURE', ['Choose a password that is hard to guess.', 'A senha do Wi-Fi está no verso do cartão.']);
    await assertNot('CONTENT_SECRET_REQUEST', ['A atualização do aplicativo traz novos recursos.']);
    await assertNot('CONTENT_UNUSUAL_ACTIVITY', ['Our filter stopped 300 spam messages this week.']);
    await assertNot('CONTENT_DELIVERY_LURE', ['A alfândega do porto abre às 8h.']);
    await assertNot('CONTENT_PRIZE_LURE', ['We have deposited your salary into your account.']);
  });
});

describe('unfilled mail-merge fields', () => {
  it('finds merge fields left in the text', async () => {
    await assertFinds('CONTENT_TEMPLATE_PLACEHOLDER', ['Hi %VORNAME% Es gibt 20% Rabatt', 'Hallo %EMAIL%, machen Sie sich bereit!', 'Best regards, [Your Name] Customer Support', 'Estimado cliente [first-name], tu almacenamiento está lleno', '© 2025 {{companyName}} | Abmelden', '{{name?olá}}, encomenda retida', '【お名前】様 いつもご利用ありがとうございます', 'Dear %first_name%,', 'Consulte em {EMAIL_CODIFICADO}', 'Hello {{ first_name }}!', 'Best regards, [あなたの名前 / Your Name]']);
  });

  it('does not count percentages, template code in a mailing list, or bracketed words', async () => {
    await assertNot('CONTENT_TEMPLATE_PLACEHOLDER', ['20% off, 30% for members: 50%name brands', 'pickmsgs {{1 hit}} marking 1 hits', 'Reply with [your comments] below.', 'Set the {color: red} style.', 'お名前をご記入ください。']);
  });
});

describe('time running out, and a survey for a prize', () => {
  it('finds both in the languages they arrive in', async () => {
    await assertFinds('CONTENT_URGENCY', ['De tijd dringt: verzeker u van lage tarieven!', 'Die Zeit läuft ab!', 'Time is running out to claim it.']);
    await assertNot('CONTENT_URGENCY', ['We nemen de tijd voor u.', 'Die Zeit im Urlaub war schön.', 'The running time is 90 minutes.']);
    await assertFinds('CONTENT_SPAM_OFFER', ['Nehmen Sie an einer kurzen Umfrage teil, um die Chance auf einen fantastischen Preis zu erhalten.']);
    await assertNot('CONTENT_SPAM_OFFER', ['Die Umfrage zu Preisen im Nahverkehr ist abgeschlossen.']);
  });
});

describe('romance and "companion" lures', () => {
  it('finds a stranger introducing herself, waiting for a man or offering her photos, in the languages they arrive in', async () => {
    await assertFinds('CONTENT_ROMANCE_LURE', [
      'Hello dear, I am a lonely beautiful woman from Kyiv and I want to find my love.',
      "Hi! I'm a 31 years old pretty lady from Minsk, honest and kind.",
      'Right now I am looking for a serious man who wants a family.',
      'Am waiting for a kind gentleman from your country.',
      'Hot girls looking for men in your area tonight!',
      'Find a companion for one night, discreet and free.',
      'Anna is new in town and wants to spend the night with a man.',
      'Natalia is coming to your town on Friday and is hoping to meet someone.',
      'Write me back and I will send you my photos.',
      'I can send to you my photos if you answer.',
      'Reply today and I will show you my private pictures.',
      'Sou uma mulher muito carente e estou procurando um homem sério.',
      'Soy una chica muy guapa y busco un hombre de verdad.',
      'Ich bin eine einsame Frau und suche einen netten Mann.',
      'Suchst du eine Partnerin für eine Nacht?',
      'Je suis une femme très jolie et je cherche un homme sérieux.',
      'Une belle femme pour une nuit ? Inscription gratuite.',
      '今夜会える女性を探していませんか？',
      '割り切りの関係でお願いします。',
      'お返事くれたら私の写真を送るね。',
      '寂しい人妻です。お話ししませんか。',
    ]);
  });

  it('does not count dating-app notices, family and mailing-list mail, or civil status in ordinary letters', async () => {
    await assertNot('CONTENT_ROMANCE_LURE', [
      'Someone liked your profile. Open the app to see who, or change your notification settings.',
      'Welcome to our single customer portal: one login for all your accounts.',
      "I'll send you the pictures from the wedding tomorrow.",
      "I'll send you my photos from the trip when I get home.",
      'She is coming to the city next week and wants to see you.',
      'My sister is coming to your town next week and wants to meet you for lunch.',
      'Clients view catalogs of Thai women looking for a husband, the agency said.',
      "I'm looking for a good man page for rsync, any pointers?",
      "I'm a single mother of two and work nights.",
      'I am a young woman studying engineering and would like an internship.',
      "I'm sure the young lady at the front desk can help you.",
      'Find a dance partner for the night at our autumn ball.',
      'We need a babysitter for one night next week.',
      'Grandma is here, and the little one wants to sleep with you tonight.',
      'Ich bin eine alleinstehende Frau und habe eine Frage zur Steuererklärung.',
      'Je suis une femme célibataire et je voudrais ouvrir un compte.',
      'Estou procurando um parceiro sério para o meu negócio.',
      '今日会える人いる？駅前のカフェで。',
      'ある程度の割り切りが必要な場面もあります。',
      '物件の写真はご連絡いただけたらお送りします。',
    ]);
  });
});

describe('advance-fee stories: donations, gifts, claims and "my first mail"', () => {
  it('finds a donation you were chosen for, a gift waiting for your reply, and a stranger asking whether you got the first mail', async () => {
    await assertFinds('CONTENT_ADVANCE_FEE', [
      'Herzlichen Glückwunsch, Sie wurden für eine Zuwendung von 1.200.000 Euro ausgewählt.',
      'Eine Spende in Höhe von 3,5 Millionen Euro wartet auf Sie.',
      'Por favor, confirme se você recebeu minha primeira mensagem.',
      'Você recebeu a primeira carta que lhe enviei?',
      'Responda para o meu e-mail privado: escreva hoje.',
      'Por favor, confirme si recibió mi primer correo.',
      'Escríbeme a mi correo privado cuanto antes.',
      'Seu e-mail foi escolhido para receber uma doação.',
      'Vous avez été sélectionné pour recevoir un don de 850 000 €.',
      'Dr. Lee has an inheritance for you. Respond to me for further details.',
      'Mr. Brown has a package for you; write back to get more information.',
      'Kindly send your full name and phone number to this address for claiming.',
      'Please send me your details via WhatsApp for your claims.',
      'Please get back to me and I will furnish you with full details of the transaction.',
      'I would like to open a discussion regarding a lucrative business opportunity.',
      'Kindly confirm whether you received my first letter.',
      'You have been chosen to receive a donation from the Foundation.',
    ]);
  });

  it('does not count a charity receipt, a shop or insurer asking for details, or a colleague chasing a mail', async () => {
    await assertNot('CONTENT_ADVANCE_FEE', [
      'Vielen Dank für Ihre Spende in Höhe von 50,00 €.',
      'Ihre Spende von 1.000 € ist eingegangen.',
      'Você recebeu o primeiro e-mail da nossa série de boas-vindas?',
      'Se você não recebeu o primeiro e-mail, verifique a caixa de spam.',
      'A partir de agora, escreva para o meu e-mail pessoal.',
      'Grandma has a present for you! Call her tonight.',
      'We have a gift for you: 10% off your next order. Shop now.',
      'Please send us your name and address to claim your order.',
      'Send your details to the adjuster for claim number 4471.',
      'Please send your details so we can process the claim.',
      'Please reply with your requirements and we will furnish you with a quotation.',
      'We will be happy to furnish you with further information on request.',
      "I'd like to start a conversation about a potential role at our company.",
      'Did you get the last email I sent you about the meeting?',
    ]);
  });
});

describe('easy work for pay no real job gives (副業詐欺, 闇バイト, task scams)', () => {
  it('finds the wage when easy work from home or on a phone is offered beside it', async () => {
    await assertFinds('CONTENT_JOB_LURE', [
      '【副業】スマホだけで1日2万円！未経験OK、スキマ時間でできます。',
      '［勤務場所］スマホのみ可（自宅でOK） ［給与支給］最低保証時給は5000円～',
      '日給3万円以上可能。簡単な作業です。履歴書不要、面接不要。',
      '在宅でできるお仕事です。月収50万円も夢ではありません。',
      'Work from home with only your phone: earn $500 per day!',
      'Earn $85 an hour rating products in your spare time.',
    ]);
  });

  it('leaves a realistic wage, a wage without the easy-work pitch, and dates alone', async () => {
    await assertNot('CONTENT_JOB_LURE', [
      'アルバイト募集：時給1,200円、未経験歓迎、土日のみ可。',
      '店舗スタッフ（日給25,000円、経験者優遇、勤務地は本社）。',
      '12月1日 20,000円をお支払いください。在宅中にお届けします。',
      'Senior engineer, remote from home, $140,000 a year.',
      'Our consulting rate is $150 per hour for on-site work.',
    ]);
  });
});

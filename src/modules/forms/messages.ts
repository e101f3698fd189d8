// Every message the forms engine can give, in French (the reference) and English. The same texts live in
// locales/fr.json and locales/en.json, where the pages read them (messages.test.ts keeps both in step).
// Written for citizens, often on a small phone and not always at ease with forms: say what to do, plainly.
export const MESSAGES = {
  'forms.error.required': { fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  'forms.error.requiredchoice': { fr: 'Choisissez une réponse.', en: 'Choose an answer.' },
  'forms.error.requiredfile': { fr: 'Joignez ce document.', en: 'Attach this document.' },
  'forms.error.checkbox': { fr: 'Cochez la case pour continuer.', en: 'Tick the box to continue.' },
  'forms.error.maxlength': { fr: 'Le texte doit contenir au plus {max} caractères.', en: 'The text must be at most {max} characters long.' },
  'forms.error.minlength': { fr: 'Le texte doit contenir au moins {min} caractères.', en: 'The text must be at least {min} characters long.' },
  'forms.error.pattern': { fr: "La réponse n'a pas le format attendu.", en: 'The answer is not in the expected format.' },
  'forms.error.integer': { fr: 'Saisissez un nombre entier, par exemple 3.', en: 'Enter a whole number, for example 3.' },
  'forms.error.amount': {
    fr: 'Saisissez un montant en FCFA, sans virgule, par exemple 25 000.',
    en: 'Enter an amount in FCFA, without decimals, for example 25 000.',
  },
  'forms.error.decimal': {
    fr: 'Saisissez un nombre, avec au plus {decimals} chiffres après la virgule.',
    en: 'Enter a number with at most {decimals} digits after the decimal point.',
  },
  'forms.error.min': { fr: 'La valeur doit être au moins {min}.', en: 'The value must be at least {min}.' },
  'forms.error.max': { fr: 'La valeur doit être au plus {max}.', en: 'The value must be at most {max}.' },
  'forms.error.date': { fr: 'Saisissez une date valide, par exemple 27/03/1990.', en: 'Enter a valid date, for example 27/03/1990.' },
  'forms.error.datetime': {
    fr: 'Saisissez une date et une heure valides, par exemple 27/03/2026 14:30.',
    en: 'Enter a valid date and time, for example 27/03/2026 14:30.',
  },
  'forms.error.past': { fr: 'La date doit être dans le passé.', en: 'The date must be in the past.' },
  'forms.error.future': { fr: 'La date doit être dans le futur.', en: 'The date must be in the future.' },
  'forms.error.datemin': { fr: 'La date doit être le {min} ou après.', en: 'The date must be {min} or later.' },
  'forms.error.datemax': { fr: 'La date doit être le {max} ou avant.', en: 'The date must be {max} or earlier.' },
  'forms.error.email': {
    fr: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.com.',
    en: 'Enter a valid e-mail address, for example name@example.com.',
  },
  'forms.error.phone': {
    fr: 'Saisissez un numéro de téléphone valide ({prefixes}).',
    en: 'Enter a valid phone number ({prefixes}).',
  },
  'forms.error.phonecountry': {
    fr: "Ce numéro n'est pas accepté ici. Donnez un numéro qui commence par {prefixes}.",
    en: 'This number is not accepted here. Give a number starting with {prefixes}.',
  },
  'forms.error.yesno': { fr: 'Répondez par oui ou par non.', en: 'Answer yes or no.' },
  'forms.error.choice': { fr: 'Choisissez une réponse dans la liste.', en: 'Choose an answer from the list.' },
  'forms.error.choicesmin': { fr: 'Choisissez au moins {min} réponses.', en: 'Choose at least {min} answers.' },
  'forms.error.choicesmax': { fr: 'Choisissez au plus {max} réponses.', en: 'Choose at most {max} answers.' },
  'forms.error.territory': {
    fr: 'Choisissez la région, le département et la commune dans les listes.',
    en: 'Choose the region, department and commune from the lists.',
  },
  'forms.error.region': { fr: 'Choisissez une région dans la liste.', en: 'Choose a region from the list.' },
  'forms.error.department': { fr: 'Choisissez un département dans la liste.', en: 'Choose a department from the list.' },
  'forms.error.commune': { fr: 'Choisissez une commune dans la liste.', en: 'Choose a commune from the list.' },
  'forms.error.address': {
    fr: "Indiquez l'adresse : rue, quartier ou un point de repère.",
    en: 'Give the address: street, neighbourhood or a landmark.',
  },
  'forms.error.addresscity': { fr: 'Indiquez la ville ou le village.', en: 'Give the town or village.' },
  'forms.error.nationalid': {
    fr: "Ce numéro d'identification n'a pas le bon format. Recopiez-le tel qu'il figure sur la carte.",
    en: 'This identification number is not in the right format. Copy it as it appears on the card.',
  },
  'forms.error.nationalidsn': {
    fr: "Le numéro d'identification nationale (NIN) compte 13 chiffres et commence par 1 ou 2. Recopiez-le depuis votre carte.",
    en: 'The national identification number (NIN) has 13 digits and starts with 1 or 2. Copy it from your card.',
  },
  'forms.error.nationalidci': {
    fr: "Le numéro national d'identification (NNI) compte 11 chiffres. Recopiez-le depuis votre carte.",
    en: 'The national identification number (NNI) has 11 digits. Copy it from your card.',
  },
  'forms.error.file': { fr: "Le fichier n'a pas pu être lu. Envoyez-le à nouveau.", en: 'The file could not be read. Please send it again.' },
  'forms.error.filekind': { fr: 'Le fichier doit être au format {kinds}.', en: 'The file must be in {kinds} format.' },
  'forms.error.filesize': { fr: 'Le fichier dépasse {max} Mo.', en: 'The file is larger than {max} MB.' },
  'forms.error.fileempty': { fr: 'Le fichier est vide.', en: 'The file is empty.' },
  'forms.error.idkind': { fr: "Indiquez le type de pièce d'identité.", en: 'Say which identity document this is.' },
  'forms.error.idnumber': { fr: "Indiquez le numéro de la pièce d'identité.", en: 'Give the number of the identity document.' },
  'forms.error.dossierlink': {
    fr: 'Saisissez une référence de dossier comme DOS-2026-7K3F9Q.',
    en: 'Enter a dossier reference such as DOS-2026-7K3F9Q.',
  },
  'forms.error.geo': {
    fr: 'Saisissez une latitude (entre -90 et 90) et une longitude (entre -180 et 180).',
    en: 'Enter a latitude (between -90 and 90) and a longitude (between -180 and 180).',
  },
  'forms.error.repeatmin': { fr: 'Ajoutez au moins {min} élément(s).', en: 'Add at least {min} item(s).' },
  'forms.error.repeatmax': { fr: 'Vous pouvez ajouter au plus {max} éléments.', en: 'You can add at most {max} items.' },
  // Words for values the engine itself defines, for the pages that show its fields.
  'forms.yes': { fr: 'Oui', en: 'Yes' },
  'forms.no': { fr: 'Non', en: 'No' },
  'forms.idkind.cni': { fr: "Carte nationale d'identité", en: 'National identity card' },
  'forms.idkind.passport': { fr: 'Passeport', en: 'Passport' },
  'forms.idkind.consular': { fr: 'Carte consulaire', en: 'Consular card' },
  'forms.idkind.other': { fr: "Autre pièce d'identité", en: 'Other identity document' },
} as const satisfies Record<string, { fr: string; en: string }>;

export type FormsMessageKey = keyof typeof MESSAGES;

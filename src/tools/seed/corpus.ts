/** Words the seeded desk is made of: callers and problems in English, French, Greek, Hindi and Arabic. */
import { DEMO_QUEUES, DEMO_TIERS } from '../../demo/demo-desk.ts';

export const LANGS = ['en', 'fr', 'el', 'hi', 'ar'] as const;
export type Lang = (typeof LANGS)[number];
export const LANG_WEIGHTS = [40, 15, 15, 15, 15];

export const COUNTRY: Record<Lang, { code: string; area: string[]; digits: number }> = {
  en: { code: '44', area: ['20', '161', '121', '113', '7700', '7911'], digits: 7 },
  fr: { code: '33', area: ['1', '4', '6', '7'], digits: 8 },
  el: { code: '30', area: ['21', '231', '69'], digits: 7 },
  hi: { code: '91', area: ['22', '11', '80', '98'], digits: 8 },
  ar: { code: '966', area: ['11', '12', '50', '55'], digits: 7 },
};

export const FIRST: Record<Lang, string[]> = {
  en: [
    'James',
    'Olivia',
    'Margaret',
    'Daniel',
    'Amelia',
    'George',
    'Priya',
    'Kwame',
    'Sophie',
    'Liam',
    'Grace',
    'Tom',
    'Hannah',
    'Ravi',
    'Chloe',
    'Oscar',
    'Isla',
    'Samuel',
    'Ruth',
    'Ethan',
  ],
  fr: [
    'Jean-Luc',
    'Camille',
    'Louise',
    'Hugo',
    'Chloé',
    'Étienne',
    'Manon',
    'Théo',
    'Inès',
    'Julien',
    'Léa',
    'Mathieu',
    'Zoé',
    'Antoine',
    'Élodie',
  ],
  el: [
    'Ελένη',
    'Γιώργος',
    'Μαρία',
    'Νίκος',
    'Κατερίνα',
    'Δημήτρης',
    'Σοφία',
    'Κώστας',
    'Αναστασία',
    'Γιάννης',
    'Δέσποινα',
    'Παναγιώτης',
  ],
  hi: [
    'अनन्या',
    'राहुल',
    'प्रिया',
    'अर्जुन',
    'सुनीता',
    'विक्रम',
    'कविता',
    'रोहित',
    'नेहा',
    'आदित्य',
    'पूजा',
    'संजय',
  ],
  ar: [
    'فاطمة',
    'محمد',
    'نورة',
    'عبدالله',
    'سارة',
    'خالد',
    'ريم',
    'يوسف',
    'هند',
    'عمر',
    'لينا',
    'فيصل',
  ],
};

export const LAST: Record<Lang, string[]> = {
  en: [
    'Okafor',
    'Smith',
    'Patel',
    'Jones',
    'Williams',
    'Brown',
    'Taylor',
    'Mensah',
    'Evans',
    'Walker',
    'Wright',
    'Hughes',
    'Clarke',
    'Hall',
    'Khan',
    'Lewis',
  ],
  fr: [
    'Moreau',
    'Dubois',
    'Lefèvre',
    'Girard',
    'Bonnet',
    'Rousseau',
    'Fournier',
    'Mercier',
    'Lambert',
    'Faure',
    'Chevalier',
    'Garnier',
  ],
  el: [
    'Παπαδοπούλου',
    'Papadakis',
    'Οικονόμου',
    'Γεωργίου',
    'Νικολάου',
    'Καραγιάννη',
    'Βασιλείου',
    'Αθανασίου',
    'Μιχαηλίδης',
    'Ιωάννου',
  ],
  hi: [
    'शर्मा',
    'वर्मा',
    'गुप्ता',
    'सिंह',
    'पटेल',
    'रेड्डी',
    'अय्यर',
    'मेहता',
    'जोशी',
    'कुमार',
    'नायर',
    'चौधरी',
  ],
  ar: [
    'الزهراني',
    'العتيبي',
    'القحطاني',
    'الشمري',
    'الحربي',
    'الدوسري',
    'الغامدي',
    'المطيري',
    'السبيعي',
    'العنزي',
  ],
};

export const ORGS: Record<Lang, string[]> = {
  en: [
    'Northwind Traders',
    'Adatum Logistics',
    'Litware Inc',
    'Woodgrove Bank',
    'Proseware',
    'Wingtip Toys',
    'Alpine Ski House',
    'Coho Winery',
    'Fourth Coffee',
    'Lucerne Publishing',
  ],
  fr: [
    'Fabrikam SARL',
    'Banque Lyonnaise',
    'Transports Garnier',
    'Atelier Mercier',
    'Clinique Saint-Roch',
    'Mairie de Nantes',
  ],
  el: [
    'Αιγαίο Α.Ε.',
    'Ολυμπιακή Λογιστική',
    'Νοσοκομείο Αθηνών',
    'Ερμής Μεταφορές',
    'Δήμος Πειραιά',
  ],
  hi: ['कॉन्टोसो इंडिया', 'भारत लॉजिस्टिक्स', 'मुंबई अस्पताल', 'सह्याद्रि बैंक', 'गंगा टेक्सटाइल्स'],
  ar: ['تيلسبن العربية', 'بنك الرياض الأول', 'مستشفى الملك', 'النخبة للنقل', 'الخليج للتقنية'],
};

export const LOCATIONS: Record<Lang, string[]> = {
  en: [
    'Floor {n}, desk {m}',
    'Leeds office, room {n}',
    'Warehouse B, bay {n}',
    'Manchester branch, floor {n}',
  ],
  fr: ['Lyon, salle {n}', 'Paris, étage {n}', 'Entrepôt, quai {n}'],
  el: ['Αθήνα, {n}ος όροφος', 'Θεσσαλονίκη, γραφείο {n}', 'Αποθήκη, ράμπα {n}'],
  hi: ['मुंबई कार्यालय, तल {n}', 'दिल्ली शाखा, कमरा {n}', 'गोदाम, खंड {n}'],
  ar: ['الرياض، الطابق {n}', 'جدة، مكتب {n}', 'المستودع، رصيف {n}'],
};

export const MODELS = [
  'HP EliteBook 840 G10',
  'Dell Latitude 7440',
  'Lenovo ThinkPad T14',
  'Lexmark MX431',
  'Cisco ISR 4331',
  'Zebra ZT410',
  'Meraki MX68',
  'Apple MacBook Pro 14',
  'Poly VVX 450',
  'Epson WF-C879R',
  'Surface Pro 9',
  'Fortinet FG-60F',
];
export const LICENCES = [
  'M365-E3',
  'ADOBE-CC',
  'CISCO-DNA-ADV',
  'SAP-S4-USER',
  'AUTOCAD-LT',
  'ZOOM-PRO',
  'SALESFORCE-ENT',
  '',
];

/** Categories the seeded desk routes by; each has its default queue and problem titles per language. */
/** The demo desk's queues and tiers, and three more domains of two tiers each. */
export const QUEUES = [
  ...DEMO_QUEUES,
  ['SEC', 'Security Operations'],
  ['TEL', 'Telephony'],
  ['DB', 'Database Services'],
  ['SEC2', 'Security Engineering'],
  ['TEL2', 'Voice Engineering'],
  ['DB2', 'Database Engineering'],
] as const;

/** Technical domain → the queues of its tiers, tier 1 first. */
export const SEED_TIERS: Record<string, readonly string[]> = {
  ...DEMO_TIERS,
  Security: ['SEC', 'SEC2'],
  Telephony: ['TEL', 'TEL2'],
  Data: ['DB', 'DB2'],
};

export const CATEGORIES: {
  code: string;
  name: string;
  domain: string;
  queue: string;
  titles: Record<Lang, string[]>;
}[] = [
  {
    code: 'ACCOUNT',
    name: 'Account or password',
    domain: 'Identity',
    queue: 'SD',
    titles: {
      en: [
        'Locked out after password change',
        'Cannot sign in to {app}',
        'Password reset link expired',
      ],
      fr: ['Compte bloqué après changement de mot de passe', 'Impossible de se connecter à {app}'],
      el: ['Κλείδωμα λογαριασμού μετά από αλλαγή κωδικού', 'Δεν μπορώ να συνδεθώ στο {app}'],
      hi: ['पासवर्ड बदलने के बाद खाता बंद', '{app} में लॉगिन नहीं हो रहा'],
      ar: ['تم قفل الحساب بعد تغيير كلمة المرور', 'لا يمكن تسجيل الدخول إلى {app}'],
    },
  },
  {
    code: 'LAPTOP',
    name: 'Laptop or desktop fault',
    domain: 'End-user computing',
    queue: 'DSK',
    titles: {
      en: [
        'Laptop will not boot',
        'Battery not charging',
        'Screen flickers on {model}',
        'Blue screen after update',
      ],
      fr: [
        "L'ordinateur portable ne démarre pas",
        'La batterie ne charge pas',
        'Écran qui scintille',
      ],
      el: ['Ο φορητός δεν ξεκινά', 'Η μπαταρία δεν φορτίζει', 'Η οθόνη τρεμοπαίζει'],
      hi: ['लैपटॉप चालू नहीं हो रहा', 'बैटरी चार्ज नहीं हो रही', 'स्क्रीन झिलमिला रही है'],
      ar: ['الحاسوب المحمول لا يعمل', 'البطارية لا تشحن', 'الشاشة ترتعش'],
    },
  },
  {
    code: 'PRINTER',
    name: 'Printer or scanner',
    domain: 'End-user computing',
    queue: 'FLD',
    titles: {
      en: [
        'Printer jams on tray {n}',
        'Toner smudges on every page',
        'Scanner feeds two sheets at once',
      ],
      fr: ["L'imprimante bourre au bac {n}", 'Traces de toner sur chaque page'],
      el: ['Ο εκτυπωτής μπλοκάρει στο συρτάρι {n}', 'Μουτζούρες τόνερ σε κάθε σελίδα'],
      hi: ['प्रिंटर ट्रे {n} में कागज़ फँसता है', 'हर पेज पर टोनर के धब्बे'],
      ar: ['الطابعة تعلق في الدرج {n}', 'بقع الحبر على كل صفحة'],
    },
  },
  {
    code: 'NETWORK',
    name: 'Network outage',
    domain: 'Network',
    queue: 'NET',
    titles: {
      en: [
        'Floor {n} lost the network',
        'Site link down at {place}',
        'Wi-Fi drops every few minutes',
      ],
      fr: ['Réseau coupé au {n}e étage', 'Le Wi-Fi se coupe toutes les minutes'],
      el: ['Πτώση δικτύου στον {n}ο όροφο', 'Το Wi-Fi αποσυνδέεται συνεχώς'],
      hi: ['मंज़िल {n} पर नेटवर्क बंद', 'वाई-फाई बार-बार कट रहा है'],
      ar: ['انقطاع الشبكة في الطابق {n}', 'انقطاع الواي فاي كل بضع دقائق'],
    },
  },
  {
    code: 'VPN',
    name: 'VPN or remote access',
    domain: 'Network',
    queue: 'NET',
    titles: {
      en: ['VPN drops every {n} minutes', 'Cannot reach file share over VPN'],
      fr: ['Le VPN se coupe toutes les {n} minutes', 'Partage inaccessible via VPN'],
      el: ['Το VPN κόβεται κάθε {n} λεπτά', 'Δεν έχω πρόσβαση στα αρχεία μέσω VPN'],
      hi: ['वीपीएन हर {n} मिनट में कट जाता है', 'वीपीएन से फ़ाइल शेयर नहीं खुलता'],
      ar: ['الشبكة الخاصة تنقطع كل {n} دقائق', 'لا يمكن الوصول إلى الملفات عبر الشبكة الخاصة'],
    },
  },
  {
    code: 'EMAIL',
    name: 'Email and calendar',
    domain: 'Applications',
    queue: 'APP',
    titles: {
      en: ['Email not syncing on phone', 'Shared calendar missing', 'Mailbox full'],
      fr: ['Les e-mails ne se synchronisent pas', 'Calendrier partagé introuvable'],
      el: ['Το email δεν συγχρονίζεται', 'Λείπει το κοινόχρηστο ημερολόγιο'],
      hi: ['ईमेल सिंक नहीं हो रहा', 'साझा कैलेंडर गायब है'],
      ar: ['البريد لا يتزامن على الهاتف', 'التقويم المشترك مفقود'],
    },
  },
  {
    code: 'LICENCE',
    name: 'Software licence',
    domain: 'Applications',
    queue: 'APP',
    titles: {
      en: ['{app} licence expired', 'Need a licence for {app}'],
      fr: ['Licence {app} expirée', "Besoin d'une licence {app}"],
      el: ['Έληξε η άδεια {app}', 'Χρειάζομαι άδεια για {app}'],
      hi: ['{app} लाइसेंस समाप्त', '{app} के लिए लाइसेंस चाहिए'],
      ar: ['انتهت رخصة {app}', 'أحتاج رخصة {app}'],
    },
  },
  {
    code: 'ONSITE',
    name: 'On-site equipment move',
    domain: 'Facilities',
    queue: 'FLD',
    titles: {
      en: ['Move label printers to bay {n}', 'New starter desk setup on floor {n}'],
      fr: ['Déménager les imprimantes au quai {n}', 'Installer un poste au {n}e étage'],
      el: ['Μεταφορά εκτυπωτών στη ράμπα {n}', 'Εγκατάσταση θέσης στον {n}ο όροφο'],
      hi: ['लेबल प्रिंटर खंड {n} में ले जाएँ', 'मंज़िल {n} पर नया डेस्क सेटअप'],
      ar: ['نقل الطابعات إلى الرصيف {n}', 'تجهيز مكتب جديد في الطابق {n}'],
    },
  },
  {
    code: 'SECURITY',
    name: 'Security incident',
    domain: 'Security',
    queue: 'SEC',
    titles: {
      en: ['Suspicious email with attachment', 'Possible phishing on {app}', 'Lost laptop {model}'],
      fr: ['E-mail suspect avec pièce jointe', 'Ordinateur perdu'],
      el: ['Ύποπτο email με συνημμένο', 'Χάθηκε φορητός'],
      hi: ['संदिग्ध ईमेल अटैचमेंट के साथ', 'लैपटॉप खो गया'],
      ar: ['بريد مشبوه مع مرفق', 'فقدان حاسوب محمول'],
    },
  },
  {
    code: 'PHONE',
    name: 'Desk phone or softphone',
    domain: 'Telephony',
    queue: 'TEL',
    titles: {
      en: ['Desk phone has no dial tone', 'Calls drop after {n} seconds'],
      fr: ['Pas de tonalité sur le poste', 'Les appels coupent après {n} secondes'],
      el: ['Δεν έχει τόνο το τηλέφωνο', 'Οι κλήσεις κόβονται μετά από {n} δευτερόλεπτα'],
      hi: ['डेस्क फोन में डायल टोन नहीं', '{n} सेकंड बाद कॉल कट जाती है'],
      ar: ['لا توجد نغمة في هاتف المكتب', 'المكالمات تنقطع بعد {n} ثانية'],
    },
  },
  {
    code: 'DATABASE',
    name: 'Database or reporting',
    domain: 'Data',
    queue: 'DB',
    titles: {
      en: ['Monthly report times out', '{app} database is slow'],
      fr: ['Le rapport mensuel expire', 'La base {app} est lente'],
      el: ['Η μηνιαία αναφορά δεν ολοκληρώνεται', 'Η βάση {app} είναι αργή'],
      hi: ['मासिक रिपोर्ट टाइमआउट', '{app} डेटाबेस धीमा है'],
      ar: ['التقرير الشهري لا يكتمل', 'قاعدة بيانات {app} بطيئة'],
    },
  },
];

export const APPS = [
  'SAP',
  'Salesforce',
  'Teams',
  'Outlook',
  'AutoCAD',
  'Workday',
  'ServiceNow',
  'Zoom',
];
export const PLACES = ['Leeds', 'Lyon', 'Αθήνα', 'मुंबई', 'الرياض', 'Manchester', 'Paris'];

export const DESCRIPTIONS: Record<Lang, string[]> = {
  en: [
    'Started this morning after the update.',
    'Affects the whole team.',
    'Restarted twice, no change.',
    'Customer needs it fixed before the audit.',
    'Happens only on the second monitor.',
  ],
  fr: [
    'Depuis ce matin après la mise à jour.',
    "Toute l'équipe est concernée.",
    'Redémarré deux fois, sans effet.',
  ],
  el: [
    'Ξεκίνησε σήμερα το πρωί μετά την ενημέρωση.',
    'Επηρεάζει όλη την ομάδα.',
    'Έγινε επανεκκίνηση δύο φορές, τίποτα.',
  ],
  hi: ['आज सुबह अपडेट के बाद से शुरू हुआ।', 'पूरी टीम प्रभावित है।', 'दो बार रीस्टार्ट किया, कोई बदलाव नहीं।'],
  ar: [
    'بدأت المشكلة صباح اليوم بعد التحديث.',
    'تؤثر على الفريق بأكمله.',
    'تمت إعادة التشغيل مرتين دون تغيير.',
  ],
};

/** What technicians wrote when they closed a ticket, by category code (the desk writes in English). */
export const SOLUTIONS: Record<string, string[]> = {
  ACCOUNT: [
    'Unlocked the account in the directory and had the user set a new password while on the call.',
    'Cleared cached credentials from Credential Manager; sign-in works after a reboot.',
    'Re-sent the password reset link with a 24-hour expiry; user confirmed access.',
  ],
  LAPTOP: [
    'Drained residual power (battery out, power button 30 s); laptop boots normally.',
    'Rolled back the display driver to the previous version; flicker gone.',
    'Replaced the charger; battery charges again. Faulty charger returned to stores.',
  ],
  PRINTER: [
    'Cleared the stuck print queue on the print server and restarted the spooler.',
    'Reinstalled the printer with the universal PCL6 driver; test page printed.',
    'Replaced the fuser unit on site; printer back in service.',
  ],
  NETWORK: [
    'Faulty patch lead at the floor switch replaced; link up at 1 Gb/s.',
    'Access point rebooted and moved to a clear channel; wireless stable.',
    'DHCP scope was exhausted; extended the scope and shortened the lease time.',
  ],
  VPN: [
    'Updated the VPN client to the current release; tunnel connects.',
    'Home router blocked UDP 4500; user switched the client to TCP fallback.',
    'Re-issued the user certificate, which had expired.',
  ],
  EMAIL: [
    'Rebuilt the Outlook profile; mailbox synchronises again.',
    'Mailbox was over quota; archived old items and raised the quota.',
    'Re-added the shared mailbox with full access permission.',
  ],
  LICENCE: [
    'Assigned a licence from the pool; activation confirmed.',
    'Released a licence held by a departed user and reassigned it.',
    'Raised a purchase request for one more seat; approved and assigned.',
  ],
  ONSITE: [
    'Equipment moved and reconnected; user signed off the move sheet.',
    'Desk move completed with cabling tested at the new port.',
  ],
  SECURITY: [
    'Phishing mail purged from all mailboxes; user password reset and sessions revoked.',
    'Device scanned clean and returned to the network; no credentials were entered.',
  ],
  PHONE: [
    'Extension re-provisioned on the call manager; calls connect both ways.',
    'Replaced the handset cable; audio restored.',
  ],
  DATABASE: [
    'Rebuilt fragmented indexes; the report runs in seconds again.',
    'Granted read access on the reporting schema; the report opens.',
  ],
};

/** What analysts write in the communication log (the desk works in English). */
export const CONTACT_SUMMARIES = {
  update: [
    'Told the customer we are working on it; next update as agreed.',
    'Explained the workaround; customer will try it and call back if it fails.',
    'Customer confirmed the symptoms; waiting on the supplier.',
    'Gave an update: the part is ordered, delivery tomorrow.',
    'Walked through the steps taken so far; customer happy to wait.',
  ],
  missed: [
    'No answer on the mobile number.',
    'Rang out; left no message.',
    'Left a voicemail asking them to call the desk.',
  ],
  closing: [
    'Customer confirmed it works again; agreed to close.',
    'Confirmed the fix with the customer by phone.',
    'Customer tested and is satisfied; closing.',
  ],
} as const;

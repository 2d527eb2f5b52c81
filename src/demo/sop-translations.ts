/**
 * The demo desk's SOP questions in the desk's other languages, keyed by the English text
 * (question texts and help texts alike): an analyst sees their language's version.
 */
export const SOP_TRANSLATIONS: Readonly<
  Record<string, Readonly<{ fr: string; el: string; hi: string; ar: string }>>
> = {
  'What does the customer need to be able to do?': {
    fr: 'Que doit pouvoir faire le client ?',
    el: 'Τι χρειάζεται να μπορεί να κάνει ο πελάτης;',
    hi: 'ग्राहक को क्या कर पाने की ज़रूरत है?',
    ar: 'ما الذي يحتاج العميل إلى أن يتمكّن من فعله؟',
  },
  'In their words: the outcome, not the fault.': {
    fr: 'Avec ses propres mots : le résultat attendu, pas la panne.',
    el: 'Με τα δικά του λόγια: το αποτέλεσμα που επιδιώκει, όχι η βλάβη.',
    hi: 'ग्राहक के अपने शब्दों में: उन्हें क्या परिणाम चाहिए, न कि क्या खराबी है।',
    ar: 'بكلماته هو: النتيجة التي يريدها، لا العطل.',
  },
  'What did they do just before it went wrong?': {
    fr: 'Qu’a fait le client juste avant que le problème survienne ?',
    el: 'Τι έκανε ακριβώς πριν παρουσιαστεί το πρόβλημα;',
    hi: 'समस्या शुरू होने से ठीक पहले उन्होंने क्या किया था?',
    ar: 'ماذا فعل العميل مباشرةً قبل حدوث المشكلة؟',
  },
  'Updates, moves, new equipment, password changes, travel.': {
    fr: 'Mises à jour, déménagements, nouvel équipement, changements de mot de passe, déplacements.',
    el: 'Ενημερώσεις, μετεγκαταστάσεις, νέος εξοπλισμός, αλλαγές κωδικού πρόσβασης, ταξίδια.',
    hi: 'अपडेट, डेस्क या ऑफ़िस बदलना, नए उपकरण, पासवर्ड बदलना, यात्रा।',
    ar: 'التحديثات، ونقل المكتب أو الجهاز، والمعدات الجديدة، وتغيير كلمة المرور، والسفر.',
  },
  'Exact error message or code': {
    fr: 'Message ou code d’erreur exact',
    el: 'Ακριβές μήνυμα ή κωδικός σφάλματος',
    hi: 'सटीक एरर मैसेज या एरर कोड',
    ar: 'رسالة الخطأ أو رمزه بالضبط',
  },
  'Read it back to the caller; copy it letter for letter.': {
    fr: 'Relisez-le à l’appelant pour confirmation ; recopiez-le caractère par caractère.',
    el: 'Διαβάστε το ξανά στον καλούντα για επιβεβαίωση και αντιγράψτε το γράμμα προς γράμμα.',
    hi: 'इसे कॉलर को पढ़कर सुनाएँ और पुष्टि करें; फिर इसे अक्षरशः, हूबहू कॉपी करें।',
    ar: 'اقرأه على المتصل للتأكّد منه، وانسخه حرفًا بحرف.',
  },
  'Can it be reproduced?': {
    fr: 'Le problème est-il reproductible ?',
    el: 'Μπορεί να αναπαραχθεί το πρόβλημα;',
    hi: 'क्या समस्या को दोबारा करके दिखाया जा सकता है?',
    ar: 'هل يمكن تكرار حدوث المشكلة؟',
  },
  'Steps to reproduce': {
    fr: 'Étapes pour reproduire le problème',
    el: 'Βήματα αναπαραγωγής του προβλήματος',
    hi: 'समस्या को दोबारा करके दिखाने के चरण',
    ar: 'خطوات تكرار حدوث المشكلة',
  },
  'Identity checked against the account record?': {
    fr: 'Identité de l’appelant vérifiée d’après la fiche du compte ?',
    el: 'Επαληθεύτηκε η ταυτότητα με βάση την καρτέλα του λογαριασμού;',
    hi: 'क्या पहचान की पुष्टि खाते के रिकॉर्ड से की गई?',
    ar: 'هل تم التحقق من الهوية بمطابقتها مع سجل الحساب؟',
  },
  'Two facts from the record before any reset.': {
    fr: 'Deux informations tirées de la fiche avant toute réinitialisation.',
    el: 'Δύο στοιχεία από την καρτέλα πριν από οποιαδήποτε επαναφορά.',
    hi: 'किसी भी रीसेट से पहले रिकॉर्ड की दो जानकारियों से मिलान करें।',
    ar: 'تحقَّق من معلومتين من السجل قبل أي إعادة تعيين.',
  },
  'Which system or application?': {
    fr: 'Quel système ou quelle application ?',
    el: 'Ποιο σύστημα ή ποια εφαρμογή;',
    hi: 'कौन-सा सिस्टम या ऐप्लिकेशन?',
    ar: 'أي نظام أو تطبيق؟',
  },
  'Does it power on (lights, fans)?': {
    fr: 'Le poste s’allume-t-il (voyants, ventilateurs) ?',
    el: 'Ενεργοποιείται η συσκευή (ενδεικτικές λυχνίες, ανεμιστήρες);',
    hi: 'क्या डिवाइस चालू होता है (लाइटें जलती हैं, फ़ैन चलता है)?',
    ar: 'هل يعمل الجهاز عند تشغيله (المؤشرات الضوئية، المراوح)؟',
  },
  'Does the user need a loan device meanwhile?': {
    fr: 'L’utilisateur a-t-il besoin d’un poste de prêt en attendant ?',
    el: 'Χρειάζεται ο χρήστης δανεική συσκευή στο μεταξύ;',
    hi: 'क्या इस बीच उपयोगकर्ता को लोन पर कोई डिवाइस चाहिए?',
    ar: 'هل يحتاج المستخدم إلى جهاز مُعار في هذه الأثناء؟',
  },
  'Can other people print to it?': {
    fr: 'D’autres personnes peuvent-elles imprimer sur cette imprimante ?',
    el: 'Μπορούν άλλα άτομα να εκτυπώσουν σε αυτόν τον εκτυπωτή;',
    hi: 'क्या दूसरे लोग इस प्रिंटर पर प्रिंट कर पा रहे हैं?',
    ar: 'هل يستطيع أشخاص آخرون الطباعة على هذه الطابعة؟',
  },
  'What does the printer panel show?': {
    fr: 'Qu’affiche le panneau de commande de l’imprimante ?',
    el: 'Τι εμφανίζει ο πίνακας ελέγχου του εκτυπωτή;',
    hi: 'प्रिंटर के पैनल पर क्या दिख रहा है?',
    ar: 'ماذا تعرض لوحة التحكم في الطابعة؟',
  },
  'Who is affected: one person, a floor, the site?': {
    fr: 'Qui est concerné : une personne, un étage, tout le site ?',
    el: 'Ποιοι επηρεάζονται: ένα άτομο, ένας όροφος, ολόκληρη η τοποθεσία;',
    hi: 'कौन प्रभावित है: एक व्यक्ति, एक मंज़िल, या पूरी साइट?',
    ar: 'من المتأثر: شخص واحد، أم طابق، أم الموقع بأكمله؟',
  },
  'Since when?': {
    fr: 'Depuis quand ?',
    el: 'Από πότε;',
    hi: 'कब से?',
    ar: 'منذ متى؟',
  },
  'Wired, wireless, or both?': {
    fr: 'Filaire, sans fil ou les deux ?',
    el: 'Ενσύρματη, ασύρματη ή και οι δύο;',
    hi: 'वायर्ड, वायरलेस, या दोनों?',
    ar: 'سلكي، أم لاسلكي، أم كلاهما؟',
  },
  'Where is the user connecting from (home, hotel, mobile)?': {
    fr: 'D’où l’utilisateur se connecte-t-il (domicile, hôtel, réseau mobile) ?',
    el: 'Από πού συνδέεται ο χρήστης (σπίτι, ξενοδοχείο, δίκτυο κινητής);',
    hi: 'उपयोगकर्ता कहाँ से कनेक्ट कर रहा है (घर, होटल, मोबाइल नेटवर्क)?',
    ar: 'من أين يتصل المستخدم (المنزل، الفندق، شبكة الهاتف المحمول)؟',
  },
  'VPN client and version': {
    fr: 'Client VPN et sa version',
    el: 'Πρόγραμμα-πελάτης VPN και έκδοσή του',
    hi: 'VPN क्लाइंट और उसका वर्ज़न',
    ar: 'برنامج VPN المستخدَم وإصداره',
  },
  'Which client: desktop, web or phone?': {
    fr: 'Quel client de messagerie : application de bureau, web ou téléphone ?',
    el: 'Ποια εφαρμογή email: για υπολογιστή, web ή κινητό τηλέφωνο;',
    hi: 'कौन-सा ईमेल क्लाइंट: डेस्कटॉप, वेब या फ़ोन?',
    ar: 'أي برنامج بريد: تطبيق سطح المكتب، أم الويب، أم الهاتف؟',
  },
  'One mailbox, or shared mailboxes too?': {
    fr: 'Une seule boîte aux lettres, ou aussi des boîtes aux lettres partagées ?',
    el: 'Ένα γραμματοκιβώτιο ή και κοινόχρηστα γραμματοκιβώτια;',
    hi: 'केवल एक मेलबॉक्स, या शेयर्ड मेलबॉक्स भी?',
    ar: 'صندوق بريد واحد، أم صناديق البريد المشتركة أيضًا؟',
  },
  'Which product and edition?': {
    fr: 'Quel produit et quelle édition ?',
    el: 'Ποιο προϊόν και ποια έκδοση;',
    hi: 'कौन-सा प्रोडक्ट और कौन-सा एडिशन?',
    ar: 'أي منتج، وأي إصدار منه؟',
  },
  'Licence or agreement number on the record': {
    fr: 'Numéro de licence ou de contrat figurant sur la fiche',
    el: 'Αριθμός άδειας ή συμφωνίας όπως αναγράφεται στην καρτέλα',
    hi: 'रिकॉर्ड में दर्ज लाइसेंस या अनुबंध संख्या',
    ar: 'رقم الترخيص أو الاتفاقية كما هو مدوَّن في السجل',
  },
  'Has the cost centre approved it?': {
    fr: 'La demande a-t-elle été approuvée par le centre de coûts ?',
    el: 'Έχει εγκριθεί από το κέντρο κόστους;',
    hi: 'क्या कॉस्ट सेंटर ने इसे मंज़ूरी दी है?',
    ar: 'هل وافق مركز التكلفة على ذلك؟',
  },
  'From where to where (building, floor, desk)?': {
    fr: 'D’où vers où (bâtiment, étage, poste de travail) ?',
    el: 'Από πού προς πού (κτίριο, όροφος, θέση εργασίας);',
    hi: 'कहाँ से कहाँ (बिल्डिंग, मंज़िल, डेस्क)?',
    ar: 'من أين إلى أين (المبنى، الطابق، المكتب)؟',
  },
  'When must it be done by?': {
    fr: 'Pour quelle date cela doit-il être fait ?',
    el: 'Έως πότε πρέπει να έχει ολοκληρωθεί;',
    hi: 'यह काम कब तक पूरा होना चाहिए?',
    ar: 'ما الموعد النهائي لإنجاز ذلك؟',
  },
  'Who gives access on site?': {
    fr: 'Qui donne l’accès sur place ?',
    el: 'Ποιος παρέχει πρόσβαση επί τόπου;',
    hi: 'साइट पर एक्सेस कौन देगा?',
    ar: 'من يتيح الدخول إلى الموقع؟',
  },
  'What did the user see or click?': {
    fr: 'Qu’a vu l’utilisateur, ou sur quoi a-t-il cliqué ?',
    el: 'Τι είδε ο χρήστης ή πού έκανε κλικ;',
    hi: 'उपयोगकर्ता ने क्या देखा या किस पर क्लिक किया?',
    ar: 'ماذا رأى المستخدم، أو على ماذا نقر؟',
  },
  'Has the device been disconnected from the network?': {
    fr: 'L’appareil a-t-il été déconnecté du réseau ?',
    el: 'Έχει αποσυνδεθεί η συσκευή από το δίκτυο;',
    hi: 'क्या डिवाइस को नेटवर्क से डिस्कनेक्ट कर दिया गया है?',
    ar: 'هل فُصل الجهاز عن الشبكة؟',
  },
  'Were credentials typed anywhere?': {
    fr: 'Des identifiants ont-ils été saisis quelque part ?',
    el: 'Πληκτρολογήθηκαν κάπου διαπιστευτήρια σύνδεσης;',
    hi: 'क्या लॉगिन क्रेडेंशियल कहीं टाइप किए गए थे?',
    ar: 'هل أُدخلت بيانات الاعتماد في أي مكان؟',
  },
  'Extension or number affected': {
    fr: 'Poste ou numéro concerné',
    el: 'Εσωτερική γραμμή ή αριθμός που επηρεάζεται',
    hi: 'प्रभावित एक्सटेंशन या नंबर',
    ar: 'الرقم الداخلي أو الرقم المتأثر',
  },
  'Inbound, outbound, or both?': {
    fr: 'Appels entrants, sortants ou les deux ?',
    el: 'Εισερχόμενες κλήσεις, εξερχόμενες ή και τα δύο;',
    hi: 'इनकमिंग कॉल, आउटगोइंग कॉल, या दोनों?',
    ar: 'المكالمات الواردة، أم الصادرة، أم كلتاهما؟',
  },
  'Database or report name': {
    fr: 'Nom de la base de données ou du rapport',
    el: 'Όνομα βάσης δεδομένων ή αναφοράς',
    hi: 'डेटाबेस या रिपोर्ट का नाम',
    ar: 'اسم قاعدة البيانات أو التقرير',
  },
};

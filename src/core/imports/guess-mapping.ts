/**
 * The mapping a file's headers suggest: the column names osTicket and Zammad write in their user
 * and organisation exports, and what people call these columns in a spreadsheet in the desk's
 * five languages. Headers are compared folded (no case, accents or punctuation), so "E-mail",
 * "email" and "Email Address" meet. The admin sees the guess and changes any of it.
 */
import { IMPORT_FIELDS, type ImportField, type ImportMapping } from '../../shared/imports.ts';
import { foldForSearch } from '../store/fts.ts';

const HEADERS: Record<ImportField, string[]> = {
  name: [
    'name',
    'full name',
    'fullname',
    'contact',
    'contact name',
    'customer',
    'customer name',
    'caller',
    'user',
    'display name',
    'nom',
    'nom complet',
    'όνομα',
    'ονοματεπώνυμο',
    'नाम',
    'पूरा नाम',
    'الاسم',
    'الاسم الكامل',
  ],
  firstName: [
    'firstname',
    'first name',
    'given name',
    'prénom',
    'μικρό όνομα',
    'पहला नाम',
    'الاسم الأول',
  ],
  lastName: [
    'lastname',
    'last name',
    'surname',
    'family name',
    'nom de famille',
    'επώνυμο',
    'उपनाम',
    'اسم العائلة',
  ],
  organisation: [
    'organisation',
    'organization',
    'org',
    'company',
    'company name',
    'société',
    'entreprise',
    'organisme',
    'εταιρεία',
    'οργανισμός',
    'संगठन',
    'कंपनी',
    'الشركة',
    'المؤسسة',
  ],
  phone: [
    'phone',
    'phone number',
    'telephone',
    'tel',
    'mobile',
    'mobile phone',
    'cell',
    'téléphone',
    'portable',
    'τηλέφωνο',
    'κινητό',
    'फ़ोन',
    'फोन',
    'मोबाइल',
    'الهاتف',
    'رقم الهاتف',
    'الجوال',
  ],
  email: [
    'email',
    'e mail',
    'email address',
    'mail',
    'courriel',
    'adresse email',
    'adresse électronique',
    'ηλεκτρονικό ταχυδρομείο',
    'ईमेल',
    'البريد الإلكتروني',
    'البريد',
  ],
  accountNumber: [
    'account',
    'account number',
    'account no',
    'customer number',
    'customer id',
    'client number',
    'compte',
    'numéro de compte',
    'numéro client',
    'λογαριασμός',
    'αριθμός λογαριασμού',
    'खाता',
    'खाता संख्या',
    'الحساب',
    'رقم الحساب',
  ],
  modelNumber: [
    'model',
    'model number',
    'product',
    'modèle',
    'μοντέλο',
    'मॉडल',
    'الطراز',
    'الموديل',
  ],
  serial: [
    'serial',
    'serial number',
    'serial no',
    'sn',
    'numéro de série',
    'série',
    'σειριακός αριθμός',
    'सीरियल नंबर',
    'क्रमांक',
    'الرقم التسلسلي',
  ],
  location: [
    'location',
    'site',
    'address',
    'office',
    'city',
    'emplacement',
    'lieu',
    'adresse',
    'τοποθεσία',
    'διεύθυνση',
    'स्थान',
    'पता',
    'الموقع',
    'العنوان',
  ],
  licence: [
    'licence',
    'license',
    'licence key',
    'license key',
    'licence number',
    'license number',
    'clé de licence',
    'άδεια',
    'άδεια χρήσης',
    'लाइसेंस',
    'الترخيص',
  ],
};

const fold = (header: string): string =>
  foldForSearch(header.toLowerCase())
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();

const KNOWN = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const h of HEADERS[field]) KNOWN.set(fold(h), field);

/** Each field the first column whose header names it; a column fills one field at most. */
export function guessMapping(columns: string[]): ImportMapping {
  const mapping: ImportMapping = {};
  columns.forEach((header, i) => {
    const field = KNOWN.get(fold(header));
    if (field && mapping[field] === undefined) mapping[field] = i;
  });
  // A full name column wins over first and last names; both would fill the one name.
  if (mapping.name !== undefined) {
    delete mapping.firstName;
    delete mapping.lastName;
  }
  return mapping;
}

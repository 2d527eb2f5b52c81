import type { DispatchEnv } from '../core/kernel/dispatcher.ts';
import { accountKey, phoneKey } from '../core/callers/caller-keys.ts';
import { insertUser } from '../core/access/users.ts';
import { hashPassword } from '../core/access/password.ts';
import { writeSettings } from '../core/kernel/settings.ts';
import { insertScript } from '../core/resolution/scripts.ts';
import { SOP_LIBRARY } from './sop-library.ts';
import {
  insertAccount,
  insertAsset,
  insertCustomer,
  reindexCustomer,
} from '../core/callers/customers.ts';
import { insertCategory, insertQueue } from '../core/admin/reference.ts';
import { insertDomain } from '../core/escalation/tiers.ts';
import type { Role, Tier } from '../shared/domain.ts';

/** The demo desk's sign-ins; the README lists them. */
export const DEMO_PASSWORD = 'switchboard';
export const DEMO_USERS: { username: string; displayName: string; role: Role; tier: Tier }[] = [
  { username: 'analyst', displayName: 'Amira Haddad', role: 'analyst', tier: 1 },
  { username: 'tech2', displayName: 'Tomás Ortega', role: 'analyst', tier: 2 },
  { username: 'tech3', displayName: 'Priya Raman', role: 'analyst', tier: 3 },
  { username: 'supervisor', displayName: 'Sophie Laurent', role: 'supervisor', tier: 3 },
  { username: 'admin', displayName: 'Desk Admin', role: 'admin', tier: 3 },
  // The wall-board display: it reads the wall-board and can change nothing.
  { username: 'wallboard', displayName: 'Wall-board', role: 'wallboard', tier: 1 },
];

export const DEMO_QUEUES = [
  ['SD', 'Service Desk'],
  ['DSK', 'Desktop Support'],
  ['NET', 'Network Operations'],
  ['APP', 'Business Applications'],
  ['FLD', 'Field Services'],
  ['IAM', 'Identity and Access'],
  ['DSK2', 'Desktop Engineering'],
  ['NET2', 'Network Engineering'],
  ['NET3', 'Network Architecture'],
  ['APP2', 'Application Support'],
  ['APP3', 'Application Vendors'],
  ['FAC', 'Facilities Engineering'],
] as const;

/** Technical domain → the queues of its tiers, tier 1 first. */
export const DEMO_TIERS: Record<string, readonly string[]> = {
  Identity: ['SD', 'IAM'],
  'End-user computing': ['DSK', 'DSK2'],
  Network: ['NET', 'NET2', 'NET3'],
  Applications: ['APP', 'APP2', 'APP3'],
  Facilities: ['FLD', 'FAC'],
};

/** code, name, technical domain, default queue */
const CATEGORIES = [
  ['ACCOUNT', 'Account or password', 'Identity', 'SD'],
  ['LAPTOP', 'Laptop or desktop fault', 'End-user computing', 'DSK'],
  ['PRINTER', 'Printer or scanner', 'End-user computing', 'FLD'],
  ['NETWORK', 'Network outage', 'Network', 'NET'],
  ['VPN', 'VPN or remote access', 'Network', 'NET'],
  ['EMAIL', 'Email and calendar', 'Applications', 'APP'],
  ['LICENCE', 'Software licence', 'Applications', 'APP'],
  ['ONSITE', 'On-site equipment move', 'Facilities', 'FLD'],
] as const;

/** Callers in the scripts the desk hears: name, phone, email, organisation, account, asset */
const CUSTOMERS = [
  [
    'Margaret Okafor',
    '+44 20 7946 0018',
    'm.okafor@northwind.example',
    'Northwind Traders',
    'NW-10442',
    ['HP EliteBook 840 G10', 'CND1234XYZ', 'Floor 3, desk 14', 'M365-E3-88213'],
  ],
  [
    'Jean-Luc Moreau',
    '+33 1 42 68 53 00',
    'jl.moreau@fabrikam.example',
    'Fabrikam SARL',
    'FB-2231',
    ['Lexmark MX431', 'LX7781', 'Lyon, salle 2', ''],
  ],
  [
    'Ελένη Παπαδοπούλου',
    '+30 21 0323 4567',
    'eleni.p@aegean.example',
    'Αιγαίο Α.Ε.',
    'AE-5510',
    ['Dell Latitude 7440', 'DL-99812', 'Αθήνα, 2ος όροφος', 'ADOBE-CC-1120'],
  ],
  [
    'अनन्या शर्मा',
    '+91 22 6601 2345',
    'ananya.sharma@contoso.example',
    'Contoso India',
    'CI-77120',
    ['Lenovo ThinkPad T14', 'PF-3K2L9', 'मुंबई कार्यालय, तल 5', ''],
  ],
  [
    'فاطمة الزهراني',
    '+966 11 234 5678',
    'f.alzahrani@tailspin.example',
    'Tailspin Arabia',
    'TA-30981',
    ['Cisco ISR 4331', 'FDO2233X1', 'الرياض، غرفة الخوادم', 'CISCO-DNA-ADV'],
  ],
  [
    'Dmitri Volkov',
    '+44 7700 900123',
    'd.volkov@adatum.example',
    'Adatum Logistics',
    'AD-44017',
    ['Zebra ZT410', 'ZB-18844', 'Warehouse B, bay 7', ''],
  ],
] as const;

/** Domains and their tiers, as the demo and the seeded desks have them. */
export function insertTiers(
  db: DispatchEnv['db'],
  newId: () => string,
  now: number,
  tiers: Record<string, readonly string[]>,
  queueId: (code: string) => string,
): void {
  for (const [name, codes] of Object.entries(tiers))
    insertDomain(db, { id: newId(), name, tierQueueIds: codes.map(queueId) }, now);
}

export async function seedDemoDesk(env: DispatchEnv): Promise<void> {
  const { db, clock, newId } = env;
  const ids = new Map<string, string>();
  const users = [];
  // One hash for every demo user: they share a password the README publishes, which no salt
  // protects, and a hash at the desk's cost takes a tenth of a second or more (seed/generate.ts
  // does the same). A user who changes it gets a hash of their own.
  const passwordHash = await hashPassword(DEMO_PASSWORD, env.passwords.cost);
  for (const u of DEMO_USERS) users.push(await insertUser(db, env, { ...u, passwordHash }, null));
  const by = users.find((u) => u.role === 'admin')!.id;
  const now = clock.now();
  db.transaction(() => {
    writeSettings(db, { name: 'London Service Desk', prefix: 'LON', countryCode: '44' });
    for (const [code, name] of DEMO_QUEUES) {
      const id = newId();
      ids.set(code, id);
      insertQueue(db, { id, code, name }, now, by);
    }
    for (const [code, name, domain, queue] of CATEGORIES) {
      const id = newId();
      insertCategory(db, { id, code, name, domain, defaultQueueId: ids.get(queue)! }, now, by);
      const script = SOP_LIBRARY[code];
      if (script) insertScript(db, id, 1, script, now, by);
    }
    insertTiers(db, newId, now, DEMO_TIERS, (code) => ids.get(code)!);
    for (const [
      name,
      phone,
      email,
      org,
      account,
      [model, serial, location, licence],
    ] of CUSTOMERS) {
      const id = newId();
      const w = { at: now, by };
      insertCustomer(
        db,
        { id, name, phone, phoneNorm: phoneKey(phone, '44'), email, organisation: org },
        w,
      );
      insertAccount(
        db,
        { id: newId(), customerId: id, number: account, numberNorm: accountKey(account) },
        w,
      );
      insertAsset(
        db,
        { id: newId(), customerId: id, modelNumber: model, serial, location, licence },
        w,
      );
      reindexCustomer(db, id);
    }
  })();
}

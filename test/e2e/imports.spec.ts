import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import iconv from 'iconv-lite';
import { startHostProcess, type HostProcess } from '../helpers/host-process.ts';
import { signIn } from '../helpers/ui.ts';

/**
 * An admin imports callers from a Greek Windows-1253 CSV, as a Greek office's Excel saves it
 * (semicolons): the encoding is found, the columns guessed and one mapped by hand, the dry run
 * reports the row it would refuse, the import leaves it out when told, with progress as it goes,
 * and the callers are then found at intake.
 */
let host: HostProcess;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => host?.stop());

const ROWS = 30_000;

function greekCsv(): Buffer {
  const lines = ['Όνομα;Τηλέφωνο;Email;Γραφείο'];
  lines.push('Γιώργος Παπαδόπουλος;+30 210 123 4567;giorgos@example.gr;Αθήνα, 3ος όροφος');
  lines.push('Λάθος Τηλέφωνο;210 12;;Πειραιάς');
  for (let i = 0; i < ROWS; i++)
    lines.push(`Καλών ${i};+30 69${String(10000000 + i)};;Θεσσαλονίκη`);
  return iconv.encode(lines.join('\r\n'), 'windows-1253');
}

test('an admin imports a file: mapping, dry run, the refused row, progress, the report', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, host.url, 'admin');
  await page.keyboard.press('F10');
  const panel = page.locator('section', {
    has: page.getByRole('heading', { name: 'Import callers' }),
  });
  await panel.getByLabel('File (CSV or XLSX)').setInputFiles({
    name: 'καλούντες.csv',
    mimeType: 'text/csv',
    buffer: greekCsv(),
  });
  await expect(panel.getByTestId('import-file')).toHaveText(
    `καλούντες.csv: ${(ROWS + 2).toLocaleString('en-GB')} rows`,
  );
  await expect(panel.getByLabel('Encoding')).toHaveValue('windows-1253');
  await expect(panel.getByTestId('import-sample')).toContainText('Γιώργος Παπαδόπουλος');
  // Guessed from the headers: name, phone, email; "Γραφείο" (office) is mapped by hand.
  await expect(panel.getByLabel('Name', { exact: true })).toHaveValue('0');
  await expect(panel.getByLabel('Phone', { exact: true })).toHaveValue('1');
  await expect(panel.getByLabel('Location', { exact: true })).toHaveValue('');
  await panel.getByLabel('Location', { exact: true }).selectOption({ label: 'Γραφείο' });

  // The dry run, by keyboard: the check button has the focus once the file is read.
  await expect(panel.getByRole('button', { name: /Check \(dry run\)/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('status')).toContainText('Checking the rows');
  const report = panel.getByTestId('import-report');
  await expect(report).toContainText('What the import would do');
  await expect(panel.getByTestId('import-created')).toHaveText((ROWS + 1).toLocaleString('en-GB'));
  await expect(panel.getByTestId('import-rejected')).toHaveText('1');
  const refused = panel.getByTestId('import-rejections');
  await expect(refused.locator('tbody tr')).toHaveCount(1);
  await expect(refused).toContainText('3');
  await expect(refused).toContainText('Too few digits for a phone number');
  // One refused row: nothing is imported until the admin says to leave it out.
  const importButton = panel.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeDisabled();
  await panel.getByLabel('Import the others and leave the refused rows out').check();
  await expect(importButton).toBeEnabled();
  await panel.scrollIntoViewIfNeeded();
  expect(
    (await new AxeBuilder({ page }).include('section[aria-labelledby="imports-h"]').analyze())
      .violations,
  ).toEqual([]);
  await page.screenshot({ path: 'test-results/import-report.png' });

  await importButton.click();
  await expect(panel.getByRole('status')).toBeVisible();
  await expect(page.getByTestId('toast').last()).toContainText(
    `Imported: ${(ROWS + 1).toLocaleString('en-GB')} new callers`,
    { timeout: 60_000 },
  );
  await expect(report).toContainText('What was imported');

  // At intake, the imported caller is found by name and by phone, with their place.
  await page.keyboard.press('F2');
  await page.getByLabel(/Find caller/).fill('Παπαδόπουλος');
  await expect(page.getByText('Γιώργος Παπαδόπουλος').first()).toBeVisible();
});

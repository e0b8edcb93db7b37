// Browser flows of the admin pages through Debian's Chromium (same approach as browser.test.ts): import a ledger file
// with preview and confirm, using the keyboard only; axe-core (WCAG 2.1 A/AA) on Importeren, its preview and result,
// Rapporten, Mijn tokens and Beheer.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { SYSTEM } from '../../../db/audit.js'
import { createGrant, getGrant } from '../../../db/repositories/grants.js'
import { addUser } from './web-helpers.js'
import { CHROMIUM_MISSING, INSTALL_HINT, startBrowser } from './browser-setup.js'

const NOW = new Date('2026-11-28T10:00:00Z')
const LEDGER = new URL('../../fixtures/portfolio/grootboek-voorbeeld.csv', import.meta.url)

if (CHROMIUM_MISSING) {
  t.test('browser (admin pages)', { skip: INSTALL_HINT }, async () => {})
} else {
  t.setTimeout(300_000)
  let oab = { id: 0 }
  const { page, base, db, cspErrors, axeCheck, signIn, tabTo } = await startBrowser(t, {
    now: NOW,
    timeout: 20_000,
    seed: (db, s) => {
      oab = createGrant(
        db,
        SYSTEM,
        {
          organisationId: s.own.id,
          schemeCode: 'ocw-oab-2019',
          title: 'OAB 2025',
          status: 'toegekend',
          beschikkingsnummer: 'OAB-2025-0142',
          awardedCents: 1_000_000_00,
          awardedOn: '2025-01-15',
          periodFrom: '2025-01-01',
          periodTo: '2026-12-31',
        },
        { today: '2026-11-28' },
      )
      for (const nr of ['SPUK-GALA-2023-0877', 'C94-2023-1133']) {
        createGrant(
          db,
          SYSTEM,
          {
            organisationId: s.own.id,
            schemeCode: 'ocw-oab-2019',
            title: nr,
            status: 'toegekend',
            beschikkingsnummer: nr,
            awardedCents: 1_000_000_00,
            awardedOn: '2025-01-15',
            periodFrom: '2025-01-01',
            periodTo: '2026-12-31',
          },
          { today: '2026-11-28' },
        )
      }
      addUser(db, 'beheer@woudstede.nl', 'Bea Beheer', [{ orgCode: 'GM0001', role: 'beheerder' }])
    },
  })
  t.test('import a ledger file with preview and confirm, keyboard only', async (tt) => {
    await signIn('controller@woudstede.nl')
    await page.goto(`${base}/importeren`)
    await axeCheck(tt, 'importeren')
    // Keyboard only: choose the kind, type the year, pick the file, submit with Enter.
    await tabTo(tt, '#veld-soort')
    await page.keyboard.press('ArrowDown')
    tt.equal(await page.locator('#veld-soort').inputValue(), 'actuals')
    await tabTo(tt, '#veld-jaar')
    await page.keyboard.type('2025')
    await tabTo(tt, '#veld-bestand')
    // The operating system's file dialog is not part of the page: Playwright answers it for the focused input.
    await page.locator(':focus').setInputFiles(LEDGER.pathname)
    await tabTo(tt, 'form[enctype="multipart/form-data"] button[type=submit]')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Voorbeeld van de import' }).waitFor()
    tt.equal(await page.locator('[data-count=created]').textContent(), '6')
    tt.ok(await page.getByText('€ 12.450,00').count(), 'per-row changes in euros')
    const changes = page.getByRole('table', { name: 'Wijzigingen per veld' })
    tt.match(
      await changes.locator('tr[data-field=realisedLastenCents]').first().innerText(),
      /OAB 2025\s+2025\s+Gerealiseerde lasten\s+—\s+€ 12\.450,00\s+nieuw/,
      'per field: grant, year, field, before → after',
    )
    tt.equal(getGrant(db, oab.id)!.years.length, 0, 'nothing saved by the preview')
    await axeCheck(tt, 'importeren: voorbeeld')
    await tabTo(tt, 'form[action$="/bevestigen"] button')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Import opgeslagen' }).waitFor()
    tt.equal(getGrant(db, oab.id)!.years.find((y) => y.year === 2025)!.realisedLastenCents, 12_450_00)
    await axeCheck(tt, 'importeren: opgeslagen')
  })

  t.test('a rejected file shows every error with its row, and cannot be confirmed', async (tt) => {
    const dir = mkdtempSync(join(tmpdir(), 'woud-bt-'))
    const bad = join(dir, 'fout.csv')
    writeFileSync(bad, 'Boekjaar;Beschikkingsnummer;Debet;Credit\n2025;ONBEKEND-1;12,00;\n')
    await page.goto(`${base}/importeren`)
    await page.getByLabel('Soort bestand').selectOption('actuals')
    await page.getByLabel('Jaar').fill('2025')
    await page.getByLabel('Bestand', { exact: true }).setInputFiles(bad)
    await page.getByRole('button', { name: 'Controleren' }).click()
    await page.getByRole('heading', { name: 'Voorbeeld van de import' }).waitFor()
    tt.equal(await page.getByRole('button', { name: 'Bevestigen en opslaan' }).count(), 0)
    tt.match(await page.locator('table:has(caption:text("Fouten"))').textContent(), /ONBEKEND-1/)
    await axeCheck(tt, 'importeren: afgewezen')
  })

  t.test('Rapporten and Mijn tokens', async (tt) => {
    await page.goto(`${base}/rapporten`)
    await axeCheck(tt, 'rapporten')
    const download = page.waitForEvent('download')
    await page
      .getByRole('link', { name: /Controller.* 2026 \(xlsx\)|controller.*2026/i })
      .first()
      .click()
    tt.match((await download).suggestedFilename(), /\.xlsx$/)
    await page.goto(`${base}/mijn-tokens`)
    await axeCheck(tt, 'mijn tokens')
    await page.getByLabel('Omschrijving').fill('Power BI')
    await page.getByRole('button', { name: 'Token maken' }).click()
    tt.match(await page.locator('#nieuw-geheim').textContent(), /^woud_/)
    await axeCheck(tt, 'mijn tokens: nieuw token')
  })

  t.test('Beheer', async (tt) => {
    await page.getByRole('button', { name: 'Afmelden' }).click()
    await signIn('beheer@woudstede.nl')
    await page.goto(`${base}/beheer`)
    await axeCheck(tt, 'beheer')
    await page.getByLabel('E-mailadres').fill('nieuw@woudstede.nl')
    await page.getByLabel('Naam', { exact: true }).fill('')
    await page.getByRole('button', { name: 'Toevoegen' }).click()
    await page.getByText('De naam is verplicht.').first().waitFor()
    await axeCheck(tt, 'beheer: fout')
    await page.getByLabel('Naam', { exact: true }).fill('Nina Nieuw')
    await page.getByRole('button', { name: 'Toevoegen' }).click()
    await page.getByText('De gebruiker is aangemaakt.').waitFor()
    await page.getByRole('button', { name: 'Nina Nieuw uitschakelen' }).click()
    await page.getByText('De gebruiker is uitgeschakeld.').waitFor()
    tt.strictSame(cspErrors, [], 'no Content-Security-Policy violations')
  })
}

// End-to-end through a real browser (Debian's Chromium via playwright-core) against a real listening Woud on a random
// port: the main flow of a finance officer and controller, and axe-core (WCAG 2.1 A/AA) on every page and state.
// One browser and one server for the whole file: Chromium's start-up is the expensive part.
import { readFile } from 'node:fs/promises'
import t from 'tap'
import { readWorkbook } from '../../helpers.js'
import { PASSWORD } from './web-helpers.js'
import { CHROMIUM_MISSING, INSTALL_HINT, startBrowser } from './browser-setup.js'

// 15 March 2023: SiSa 2022 is what a controller works on now.
const NOW = new Date('2023-03-15T09:00:00Z')

if (CHROMIUM_MISSING) {
  t.test('browser', { skip: INSTALL_HINT }, async () => {})
} else {
  // Chromium on a busy two-core machine: the whole flow may take a few minutes.
  t.setTimeout(400_000)
  const { page, context, base, seeded, cspErrors, axeCheck } = await startBrowser(t, { now: NOW })
  let grantId = 0

  t.test('sign in with e-mail and password', async (tt) => {
    await page.goto(`${base}/portefeuille`)
    tt.match(page.url(), /\/aanmelden\?terug=%2Fportefeuille$/, 'a visitor is sent to the sign-in page')
    await axeCheck(tt, 'aanmelden')
    await page.getByLabel('E-mailadres').fill('controller@woudstede.nl')
    await page.getByLabel('Wachtwoord').fill('verkeerd-wachtwoord')
    await page.getByRole('button', { name: 'Aanmelden' }).click()
    await page.getByText('Het e-mailadres of het wachtwoord klopt niet.').waitFor()
    tt.equal(await page.getByLabel('E-mailadres').inputValue(), 'controller@woudstede.nl', 'the typed e-mail address is kept')
    await axeCheck(tt, 'aanmelden met fout')
    await page.getByLabel('Wachtwoord').fill(PASSWORD)
    await page.getByRole('button', { name: 'Aanmelden' }).click()
    await page.waitForURL(`${base}/portefeuille`)
    const cookie = (await context.cookies()).find((c) => c.name === 'woud_sessie')!
    tt.ok(cookie.httpOnly, 'session cookie is HttpOnly')
    tt.equal(cookie.sameSite, 'Lax')
    await axeCheck(tt, 'portefeuille (leeg)')
  })

  t.test('create a grant from a regeling picked by search', async (tt) => {
    await page.goto(`${base}/regelingen`)
    await axeCheck(tt, 'regelingen')
    await page.goto(`${base}/subsidies/nieuw`)
    await page.getByLabel('Zoek een regeling').fill('coronatoegangsbewijzen')
    await page.getByRole('button', { name: 'Zoeken' }).click()
    await axeCheck(tt, 'nieuwe subsidie: zoekresultaat')
    await page.locator('a[href="/subsidies/nieuw?regeling=jenv-a13"]').click()
    await page.getByLabel('Titel').fill('Controle coronatoegangsbewijzen')
    await page.getByLabel('Aan te vragen bedrag').fill('12.5OO')
    await page.getByLabel('Looptijd van').fill('01-01-2022')
    await page.getByLabel('Looptijd tot').fill('31-12-2023')
    await page.getByRole('button', { name: 'Subsidie aanmaken' }).click()
    await page.locator('#veld-requestedCents-fout').waitFor()
    tt.equal(await page.getByLabel('Aan te vragen bedrag').inputValue(), '12.5OO', 'a bad amount is shown again as typed, with its error')
    tt.equal(await page.getByLabel('Titel').inputValue(), 'Controle coronatoegangsbewijzen', 'other fields keep their values')
    await axeCheck(tt, 'nieuwe subsidie met fout')
    await page.getByLabel('Aan te vragen bedrag').fill('12.500,00')
    await page.getByRole('button', { name: 'Subsidie aanmaken' }).click()
    await page.waitForURL(/\/subsidies\/\d+\?melding=aangemaakt$/)
    grantId = Number(/subsidies\/(\d+)/.exec(page.url())![1])
    tt.ok(await page.getByText('De subsidie is aangemaakt.').isVisible())
    tt.equal(await page.getByLabel('Aangevraagd bedrag').inputValue(), '12.500,00')
    await axeCheck(tt, 'subsidie (verkenning)')
  })

  t.test('award it: only the steps allowed now are offered', async (tt) => {
    const steps = await page.locator('#kop-status ~ form button[name=to]').allTextContents()
    tt.strictSame(steps, ['Naar in voorbereiding', 'Naar aangevraagd', 'Naar toegekend', 'Naar ingetrokken'])
    await page.locator('#status-on').fill('15-02-2022')
    await page.locator('#status-beschikkingsnummer').fill('JENV-2023-0042')
    await page.getByLabel('Bedrag (toegekend / vastgesteld)').fill('12.500,00')
    await page.getByRole('button', { name: 'Naar toegekend' }).click()
    await page.waitForURL(/melding=status/)
    tt.match(await page.locator('main').innerText(), /Status: Toegekend/)
    tt.equal(await page.getByLabel('Toegekend bedrag').inputValue(), '12.500,00')
    tt.strictSame(await page.locator('#kop-status ~ form button[name=to]').allTextContents(), [
      'Naar gewijzigd',
      'Naar vastgesteld',
      'Naar ingetrokken',
    ])
    await axeCheck(tt, 'subsidie (toegekend)')
  })

  t.test('enter two years of figures in Dutch notation', async (tt) => {
    const year = async (y: string, figures: Record<string, string>) => {
      await page.locator('#jaar-year').fill(y)
      for (const [field, v] of Object.entries(figures)) await page.locator(`#jaar-${field}`).fill(v)
      await page.getByRole('button', { name: 'Jaarcijfers opslaan' }).click()
      await page.waitForURL(/melding=opgeslagen/)
    }
    await year('2022', { plannedBatenCents: '6.000,00', plannedLastenCents: '6.000', realisedLastenCents: '4.321,09' })
    await year('2023', { plannedBatenCents: '€ 6.500,00', plannedLastenCents: '6.500,-' })
    // The URL of the first save already says melding=opgeslagen: wait for the second year's row itself.
    await page.locator('#kop-jaren ~ .woud-table-wrap tbody tr', { hasText: '2023' }).waitFor()
    const rows = await page.locator('#kop-jaren ~ .woud-table-wrap tbody tr').allInnerTexts()
    tt.match(rows[0], /2022\s+€ 6\.000,00\s+€ 6\.000,00\s+€ 0,00\s+€ 4\.321,09/)
    tt.match(rows[1], /2023\s+€ 6\.500,00\s+€ 6\.500,00/)
    // A bad amount: the whole form is refused, nothing half-saved, the typed value stays next to its error.
    await page.locator('#jaar-year').fill('2023')
    await page.locator('#jaar-plannedBatenCents').fill('7.000,00')
    await page.locator('#jaar-plannedLastenCents').fill('zeven')
    await page.getByRole('button', { name: 'Jaarcijfers opslaan' }).click()
    await page.locator('#jaar-plannedLastenCents-fout').waitFor()
    tt.equal(await page.locator('#jaar-plannedLastenCents').inputValue(), 'zeven')
    await axeCheck(tt, 'jaarcijfers met fout')
    await page.goto(`${base}/subsidies/${grantId}`)
    tt.match((await page.locator('#kop-jaren ~ .woud-table-wrap tbody tr').allInnerTexts())[1], /2023\s+€ 6\.500,00/, '2023 is unchanged')
  })

  t.test('see it on the Overzicht', async (tt) => {
    await page.goto(`${base}/`)
    const table = await page.getByRole('table', { name: 'Subsidiegeld per jaar' }).innerText()
    tt.match(table, /2023\s+€ 6\.500,00/, 'the awarded 2023 money is in the table beside the chart')
    tt.ok((await page.locator('svg.woud-chart rect').count()) >= 10, 'the chart is drawn as SVG')
    await axeCheck(tt, 'overzicht')
    await page.goto(`${base}/portefeuille?q=corona`)
    tt.match(await page.locator('#resultaten').innerText(), /Controle coronatoegangsbewijzen/)
    // The ministerie filter offers the ministries of the organisation's grants; htmx swaps the results and the URL.
    await page.getByLabel('Ministerie (optioneel)').selectOption('JenV')
    await page.getByRole('button', { name: 'Filteren' }).click()
    await page.waitForURL(/ministerie=JenV/)
    tt.match(await page.locator('#resultaten').innerText(), /1 subsidies\.[\s\S]*Controle coronatoegangsbewijzen/)
    await axeCheck(tt, 'portefeuille met filter op ministerie')
    await page.goto(`${base}/deadlines`)
    await axeCheck(tt, 'deadlines')
  })

  t.test('override and reset a SiSa value: htmx swaps the row in place', async (tt) => {
    await page.goto(`${base}/sisa/2022`)
    const url = page.url()
    const cell = page.locator(`#cel-${grantId}-01-0`)
    const status = page.locator('#sisa-melding')
    tt.match(await cell.innerText(), /€ 4\.321,09[\s\S]*vooringevuld/, 'A13/01 is prefilled from the realised lasten, with its source')
    await axeCheck(tt, 'sisa 2022')
    // A bad amount: the row comes back with the typed value and the message, nothing else changes.
    await cell.getByRole('textbox').fill('vier')
    await cell.getByRole('button', { name: /Opslaan/ }).click()
    await page.locator(`#cel-${grantId}-01-0-fout`).waitFor()
    tt.equal(await cell.getByRole('textbox').inputValue(), 'vier', 'the typed value is kept')
    // htmx first restores the focus to the button (same id), then settles and honours autofocus on the input.
    await page.waitForFunction((id) => document.activeElement?.id === id, `cel-${grantId}-01-0-invoer`)
    tt.pass('focus is back on the input')
    await axeCheck(tt, 'sisa 2022 met fout in een regel')
    await cell.getByRole('textbox').fill('4.000,00')
    await cell.getByRole('button', { name: /Opslaan/ }).click()
    await status.getByText('A13/01: de waarde is opgeslagen.').waitFor()
    tt.equal(page.url(), url, 'no page load: the row was swapped in place')
    tt.match(await cell.innerText(), /€ 4\.000,00[\s\S]*handmatig[\s\S]*vooringevuld: € 4\.321,09/)
    tt.equal(await page.locator(`#cel-${grantId}-01-0-fout`).count(), 0, 'the error is gone')
    tt.match(
      await page.locator(`#cel-${grantId}-04-0`).innerText(),
      /besteding € 4\.000,00/,
      'the other rows of the grant were refreshed out of band: the cumulative check uses the new value',
    )
    await axeCheck(tt, 'sisa 2022 met handmatige waarde')
    await cell.getByRole('button', { name: /Terug naar vooringevuld/ }).click()
    await status.getByText('A13/01: de vooringevulde waarde is teruggezet.').waitFor()
    tt.match(await cell.innerText(), /€ 4\.321,09[\s\S]*vooringevuld/)
    tt.equal(await cell.getByRole('button', { name: /Terug naar vooringevuld/ }).count(), 0)
    await page.reload()
    tt.match(await page.locator(`#cel-${grantId}-01-0`).innerText(), /€ 4\.321,09[\s\S]*vooringevuld/, 'saved, as the reloaded page shows')
  })

  t.test('a partial save the server refuses (busy, conflict) is said at the top, not silently dropped', async (tt) => {
    await page.goto(`${base}/sisa/2022`)
    const cell = page.locator(`#cel-${grantId}-01-0`)
    // The server answers as it does when another write holds the database: 503 with Retry-After.
    await page.route('**/sisa/2022/waarde', (r) => r.fulfill({ status: 503, headers: { 'retry-after': '1' }, body: 'bezet' }))
    await cell.getByRole('textbox').fill('4.100,00')
    await cell.getByRole('button', { name: /Opslaan/ }).click()
    const alert = page.locator('#woud-fout')
    await alert.getByText(/De database is even bezet/).waitFor()
    tt.equal(await alert.getAttribute('role'), 'alert', 'announced to screen readers')
    tt.equal(await cell.getByRole('textbox').inputValue(), '4.100,00', 'what was typed is still there to try again')
    await axeCheck(tt, 'sisa 2022 met serverfout')
    await page.unroute('**/sisa/2022/waarde')
    await page.route('**/sisa/2022/waarde', (r) => r.fulfill({ status: 409, body: 'conflict' }))
    await cell.getByRole('button', { name: /Opslaan/ }).click()
    await alert.getByText(/Iemand anders heeft dit intussen gewijzigd/).waitFor()
    await page.unroute('**/sisa/2022/waarde')
    await cell.getByRole('button', { name: /Opslaan/ }).click()
    await page.locator('#sisa-melding').getByText('A13/01: de waarde is opgeslagen.').waitFor()
    tt.equal(await page.locator('#woud-fout').count(), 0, 'a new attempt clears the message')
    await cell.getByRole('button', { name: /Terug naar vooringevuld/ }).click()
    await page.locator('#sisa-melding').getByText('A13/01: de vooringevulde waarde is teruggezet.').waitFor()
  })

  t.test('download the controller workbook and read it back', async (tt) => {
    await page.goto(`${base}/`)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Controllersoverzicht/ }).click()])
    tt.match(download.suggestedFilename(), /^controllersoverzicht-GM0001-2023\.xlsx$/)
    const wb = await readWorkbook(await readFile((await download.path())!))
    tt.ok(wb.worksheets.length >= 3, 'one workbook with the reports as sheets')
    const texts = wb.worksheets.flatMap((ws) => {
      const out: string[] = []
      ws.eachRow((r) =>
        r.eachCell((c) => {
          out.push(String(c.value))
        }),
      )
      return out
    })
    tt.ok(
      texts.some((s) => s.includes('Controle coronatoegangsbewijzen')),
      'the new grant is in the workbook',
    )
  })

  t.test("another organisation's grant is a 404 page", async (tt) => {
    const r = await page.goto(`${base}/subsidies/${seeded.foreignGrantId}`)
    tt.equal(r!.status(), 404)
    tt.match(await page.locator('h1').innerText(), 'Pagina niet gevonden')
    tt.notMatch(await page.content(), /Geheim project Anderdorp/)
    await axeCheck(tt, '404')
    const unknown = await page.goto(`${base}/bestaat/niet`)
    tt.equal(unknown!.status(), 404, 'an unknown path is the same page, not JSON')
    tt.match(await page.locator('h1').innerText(), 'Pagina niet gevonden')
    tt.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count(), 1, 'with the menu')
    await axeCheck(tt, '404 voor een onbekend pad')
  })

  t.test('reminder preferences', async (tt) => {
    await page.getByRole('link', { name: 'Herinneringen', exact: true }).click()
    await page.waitForURL(/\/instellingen\/herinneringen$/)
    await axeCheck(tt, 'herinneringen')
    const woudstede = page.getByRole('group', { name: 'Woudstede' })
    tt.ok(await woudstede.getByLabel(/Herinneringen per deadline/).isChecked(), 'the default is chosen')
    await woudstede.getByLabel('Weekoverzicht').check()
    await page.getByRole('button', { name: 'Voorkeuren opslaan' }).click()
    await page.waitForURL(/melding=opgeslagen/)
    tt.ok(await page.getByRole('group', { name: 'Woudstede' }).getByLabel('Weekoverzicht').isChecked(), 'saved')
    await axeCheck(tt, 'herinneringen opgeslagen')
  })

  t.test('switch organisation and sign out', async (tt) => {
    await page.goto(`${base}/`)
    await page.getByLabel('Organisatie').selectOption('GM0003')
    await page.getByRole('button', { name: 'Wissel' }).click()
    await page.waitForURL(/melding=organisatie/)
    tt.match(await page.locator('.woud-userbox__user').innerText(), /lezer/)
    tt.equal(await page.getByRole('link', { name: 'Nieuwe subsidie' }).count(), 0)
    await page.getByRole('button', { name: 'Afmelden' }).click()
    await page.waitForURL(/\/aanmelden\?afgemeld=1$/)
    await page.goto(`${base}/`)
    tt.match(page.url(), /\/aanmelden/, 'after signing out the pages need a new sign-in')
    tt.strictSame(cspErrors, [], 'no Content-Security-Policy violations in the browser')
  })
}

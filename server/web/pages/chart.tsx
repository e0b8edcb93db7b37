// A bar chart of awarded and pipeline money per year with the funding cliff, drawn as SVG on the server (no script),
// always next to a table with the same figures for screen readers and for copying.
import type { ForecastYear } from '../../../reports/forecast.js'
import { euro } from '../format.js'

const W = 480,
  H = 260,
  PAD_L = 70,
  PAD_B = 30,
  PAD_T = 10

export function FundingChart({ years }: { years: ForecastYear[] }) {
  const max = Math.max(1, ...years.map((y) => Math.max(y.awardedCents + y.pipelineCents, y.cliffCents)))
  const plotH = H - PAD_B - PAD_T
  const slot = (W - PAD_L) / Math.max(1, years.length)
  const bar = slot * 0.35
  const y = (cents: number) => PAD_T + plotH - (cents / max) * plotH
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f))
  return (
    <div class="woud-chart-block">
      <figure class="utrecht-figure">
        <svg class="woud-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="grafiek-titel" width={W} height={H}>
          <title id="grafiek-titel">
            Toegekend geld, pijplijn en financieringsklif per jaar (de tabel ernaast geeft dezelfde bedragen)
          </title>
          {ticks.map((t) => (
            <g>
              <line x1={PAD_L} x2={W} y1={y(t)} y2={y(t)} stroke="#d0d4d8" stroke-width="1" />
              <text x={PAD_L - 6} y={y(t) + 4} text-anchor="end" font-size="11" fill="#1b1b1b">
                {euro(t).replace(/,\d\d$/, '')}
              </text>
            </g>
          ))}
          {years.map((yr, i) => {
            const x = PAD_L + i * slot + slot * 0.1
            return (
              <g>
                <rect x={x} y={y(yr.awardedCents)} width={bar} height={Math.max(0, y(0) - y(yr.awardedCents))} fill="#1f4e79" />
                <rect
                  x={x}
                  y={y(yr.awardedCents + yr.pipelineCents)}
                  width={bar}
                  height={Math.max(0, y(yr.awardedCents) - y(yr.awardedCents + yr.pipelineCents))}
                  fill="#8fb3d9"
                />
                <rect x={x + bar + 4} y={y(yr.cliffCents)} width={bar} height={Math.max(0, y(0) - y(yr.cliffCents))} fill="#b00020" />
                <text x={x + bar} y={H - 10} text-anchor="middle" font-size="12" fill="#1b1b1b">
                  {yr.year}
                </text>
              </g>
            )
          })}
        </svg>
        <figcaption>
          <ul class="woud-legend">
            <li>
              <span class="woud-swatch woud-swatch--awarded" aria-hidden="true"></span>Toegekend
            </li>
            <li>
              <span class="woud-swatch woud-swatch--pipeline" aria-hidden="true"></span>Pijplijn (naar kans)
            </li>
            <li>
              <span class="woud-swatch woud-swatch--cliff" aria-hidden="true"></span>Financieringsklif
            </li>
          </ul>
        </figcaption>
      </figure>
      <div class="woud-table-wrap" tabindex={0} role="region" aria-label="Tabel (horizontaal scrollbaar)">
        <table class="utrecht-table woud-table">
          <caption class="utrecht-table__caption">Subsidiegeld per jaar</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                Jaar
              </th>
              <th class="utrecht-table__header-cell woud-money" scope="col">
                Toegekend
              </th>
              <th class="utrecht-table__header-cell woud-money" scope="col">
                Pijplijn
              </th>
              <th class="utrecht-table__header-cell woud-money" scope="col">
                Klif
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {years.map((yr) => (
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="row">
                  {yr.year}
                </th>
                <td class="utrecht-table__cell woud-money">{euro(yr.awardedCents)}</td>
                <td class="utrecht-table__cell woud-money">{euro(yr.pipelineCents)}</td>
                <td class="utrecht-table__cell woud-money">{euro(yr.cliffCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

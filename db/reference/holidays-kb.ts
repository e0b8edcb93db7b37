// Days gelijkgesteld with an algemeen erkende feestdag by Koninklijk Besluit (Algemene termijnenwet art. 3 lid 3),
// shipped as reference data with the decree they come from (domain.md §13). A beheerder adds later decrees with
// `woud holiday add`. The Staatsblad numbers are not in Woud's sources: the decrees are named by their subject.
export interface KbDay {
  date: string
  name: string
  source: string
}

const KB_2023_2025 = 'Besluit gelijkstelling dagen met een algemeen erkende feestdag 2023–2025 (Atw art. 3 lid 3)'
const KB_2026_2028 = 'Besluit gelijkstelling dagen met een algemeen erkende feestdag 2026–2028 (Atw art. 3 lid 3)'

export const KB_GELIJKGESTELD: readonly KbDay[] = [
  { date: '2023-04-28', name: 'Vrijdag na Koningsdag', source: KB_2023_2025 },
  { date: '2023-05-19', name: 'Vrijdag na Hemelvaartsdag', source: KB_2023_2025 },
  { date: '2024-05-10', name: 'Vrijdag na Hemelvaartsdag', source: KB_2023_2025 },
  { date: '2024-12-27', name: 'Vrijdag na Tweede Kerstdag', source: KB_2023_2025 },
  { date: '2025-05-30', name: 'Vrijdag na Hemelvaartsdag', source: KB_2023_2025 },
  { date: '2026-01-02', name: 'Vrijdag na Nieuwjaarsdag', source: KB_2026_2028 },
  { date: '2026-05-15', name: 'Vrijdag na Hemelvaartsdag', source: KB_2026_2028 },
  { date: '2027-05-07', name: 'Vrijdag na Hemelvaartsdag', source: KB_2026_2028 },
  { date: '2028-04-28', name: 'Vrijdag na Koningsdag', source: KB_2026_2028 },
  { date: '2028-05-26', name: 'Vrijdag na Hemelvaartsdag', source: KB_2026_2028 },
]

/** Source of the computed Atw days. */
export const ATW_SOURCE = 'Algemene termijnenwet art. 3 lid 1 en 2 (wetten.overheid.nl)'

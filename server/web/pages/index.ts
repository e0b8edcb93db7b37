// Every page of the web application, registered in menu order. Add one line per page module here.
import type { FastifyInstance } from 'fastify'
import { deadlinePages } from './deadlines.js'
import { overzichtPages } from './overzicht.js'
import { portefeuillePages } from './portefeuille.js'
import { regelingenPages } from './regelingen.js'
import { reportDownloads } from './report-download.js'
import { signInPages } from './sign-in.js'
import { beheerPages } from './beheer.js'
import { importerenPages } from './importeren.js'
import { herinneringenPages } from './herinneringen.js'
import { mijnTokensPages } from './mijn-tokens.js'
import { rapportenPages } from './rapporten.js'
import { sisaPages } from './sisa-routes.js'
import { subsidiePages } from './subsidie-routes.js'

export async function registerPages(app: FastifyInstance): Promise<void> {
  await signInPages(app)
  await overzichtPages(app)
  await portefeuillePages(app)
  await regelingenPages(app)
  await subsidiePages(app)
  await deadlinePages(app)
  await sisaPages(app)
  await reportDownloads(app)
  await importerenPages(app) // web-admin pages: Importeren, Rapporten, Beheer, Mijn tokens
  await rapportenPages(app)
  await beheerPages(app)
  await mijnTokensPages(app)
  await herinneringenPages(app)
}

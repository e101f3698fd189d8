// GET /api/v1/territories/:country — one country's whole region → department → commune tree, for the territory
// pickers of forms (one request, then a day in caches) and for integrators. Public; the same for every caller.
import type { FastifyInstance } from 'fastify';
import { COUNTRIES, type Country } from '../forms/types.ts';
import { territoriesOf } from './index.ts';

export function registerTerritoryApi(app: FastifyInstance): void {
  // The lists change with laws, not with requests: each body is serialized once.
  const bodies = new Map<Country, string>();
  const bodyOf = (country: Country) => {
    let body = bodies.get(country);
    if (body === undefined) {
      const { source, asOf, regions } = territoriesOf(country);
      bodies.set(country, (body = JSON.stringify({ country, source, as_of: asOf, regions })));
    }
    return body;
  };

  app.get<{ Params: { country: string } }>('/api/v1/territories/:country', async (req, reply) => {
    const country = COUNTRIES.find((c) => c === req.params.country);
    reply.type('application/json; charset=utf-8');
    if (!country) {
      // Outside the full application (a bare instance in tests) requests carry no i18n.
      const message = req.i18n ? req.i18n.t('error.notfound') : 'Not found';
      return reply.code(404).send(JSON.stringify({ error: { status: 404, message } }));
    }
    return reply.header('cache-control', 'public, max-age=86400').send(bodyOf(country));
  });
}

// The catalog's part of the OpenAPI 3.1 document served at /api/v1/openapi.json.
import { CATEGORIES, COUNTRIES } from './pack-schema.ts';

const lang = { name: 'lang', in: 'query', description: 'Language of the texts (French where missing)', schema: { enum: ['fr', 'en', 'ha', 'dje', 'wo'] } };
const error = { $ref: '#/components/schemas/Error' };

export const catalogOpenApi = {
  paths: {
    '/api/v1/procedures': {
      get: {
        summary: 'List or search procedure fiches',
        operationId: 'listProcedures',
        parameters: [
          { name: 'q', in: 'query', description: 'Full-text search, tolerant of accents and typos', schema: { type: 'string' } },
          { name: 'category', in: 'query', schema: { enum: [...CATEGORIES] } },
          { name: 'administration', in: 'query', description: 'Administration code (its direct services included)', schema: { type: 'string' } },
          { name: 'country', in: 'query', schema: { enum: [...COUNTRIES] } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
          lang,
        ],
        responses: {
          '200': {
            description: 'A page of fiches',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['total', 'limit', 'offset', 'items'],
                  properties: {
                    total: { type: 'integer' },
                    limit: { type: 'integer' },
                    offset: { type: 'integer' },
                    items: { type: 'array', items: { $ref: '#/components/schemas/ProcedureSummary' } },
                  },
                },
              },
            },
          },
          '400': { description: 'Invalid parameter', content: { 'application/json': { schema: error } } },
        },
      },
    },
    '/api/v1/procedures/{slug}': {
      get: {
        summary: 'One procedure fiche',
        operationId: 'getProcedure',
        parameters: [
          { name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'country', in: 'query', schema: { enum: [...COUNTRIES] } },
          lang,
        ],
        responses: {
          '200': { description: 'The fiche', content: { 'application/json': { schema: { $ref: '#/components/schemas/Procedure' } } } },
          '404': { description: 'No such fiche', content: { 'application/json': { schema: error } } },
        },
      },
    },
  },
  schemas: {
    ProcedureSummary: {
      type: 'object',
      required: ['slug', 'country', 'category', 'title', 'summary', 'administration', 'cost_xof', 'delay_days', 'online', 'updated_at', 'url'],
      properties: {
        slug: { type: 'string' },
        country: { enum: [...COUNTRIES] },
        category: { enum: [...CATEGORIES] },
        title: { type: 'string' },
        summary: { type: 'string' },
        administration: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
        cost_xof: { type: ['integer', 'null'], description: 'Fee in whole XOF; 0 is free; null when it depends on the case' },
        delay_days: { type: ['integer', 'null'] },
        online: { type: 'object', properties: { available: { type: 'boolean' }, url: { type: ['string', 'null'] } } },
        updated_at: { type: 'string', format: 'date-time' },
        url: { type: 'string', format: 'uri' },
      },
    },
    Procedure: {
      allOf: [
        { $ref: '#/components/schemas/ProcedureSummary' },
        {
          type: 'object',
          properties: {
            language: { type: 'string' },
            who: { type: ['string', 'null'] },
            steps: { type: 'array', items: { type: 'string' } },
            documents: { type: 'array', items: { type: 'string' } },
            cost_note: { type: ['string', 'null'] },
            delay: { type: ['string', 'null'] },
            legal_basis: { type: 'array', items: { type: 'string' } },
            complaint: { type: ['string', 'null'] },
            service_points: { type: 'array', items: { type: 'object' } },
            audio_url: { type: ['string', 'null'], format: 'uri' },
          },
        },
      ],
    },
  },
};

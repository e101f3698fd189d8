// The criminal record's part of the OpenAPI document.
import { PURPOSES } from './api.ts';

const error = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: error } } });

export const criminalRecordOpenApi = {
  paths: {
    '/api/v1/casier/bulletin-2': {
      post: {
        summary: 'Bulletin n°2 of the criminal record (entitled administrations only)',
        description:
          'Send the token of your API client as `Authorization: Bearer <token>`; the client must hold the right `bulletin-2` (given by the platform operator). ' +
          'The identity is matched against the registry: one exact match gives its bulletin, nobody alike gives « Néant » (`status: none`); several or uncertain matches ' +
          'return 409 and are left to the registry\'s clerks. With `pdf: true` a sealed PDF (verifiable at /verifier) is returned in base64. Every call is audited.',
        operationId: 'bulletin2',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['surname', 'given_names', 'birth_date', 'birth_place', 'purpose'],
                properties: {
                  surname: { type: 'string', maxLength: 80 },
                  given_names: { type: 'string', maxLength: 120 },
                  birth_date: { type: 'string', format: 'date' },
                  birth_place: { type: 'string', maxLength: 100 },
                  father_name: { type: 'string', maxLength: 150 },
                  mother_name: { type: 'string', maxLength: 150 },
                  nin: { type: 'string', maxLength: 30 },
                  purpose: { type: 'string', enum: [...PURPOSES] },
                  pdf: { type: 'boolean' },
                },
              },
              example: { surname: 'Issoufou', given_names: 'Aïcha', birth_date: '1994-03-12', birth_place: 'Tahoua', father_name: 'Issoufou Moussa', mother_name: 'Mariama Hamani', purpose: 'emploi_public' },
            },
          },
        },
        responses: {
          '200': { description: 'The bulletin (`nil: true` and no entries for « Néant »)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Bulletin2' } } } },
          '400': errorResponse('The body is not a valid request (the `fields` listed)'),
          '401': errorResponse('No valid API client token'),
          '403': errorResponse('The client does not hold the right bulletin-2'),
          '409': errorResponse('Several or uncertain matches: the request is left to the registry'),
        },
      },
    },
  },
  schemas: {
    Bulletin2: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['found', 'none'] },
        bulletin: { type: 'integer', const: 2 },
        issued_on: { type: 'string', format: 'date' },
        person: { type: 'object' },
        nil: { type: 'boolean' },
        entries: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              decision_date: { type: 'string', format: 'date' },
              court: { type: 'string' },
              decision_reference: { type: ['string', 'null'] },
              offence: { type: 'string' },
              category: { type: 'string', enum: ['crime', 'delit', 'contravention'] },
              sentence: { type: 'string' },
              prison_months: { type: ['integer', 'null'] },
              prison_suspended_months: { type: ['integer', 'null'] },
              fine_xof: { type: ['integer', 'null'] },
            },
          },
        },
        document: { type: 'object', properties: { reference: { type: 'string' }, code: { type: 'string' }, pdf_base64: { type: 'string' } } },
      },
    },
  },
};

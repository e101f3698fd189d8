// The dossiers' part of the OpenAPI document.
const error = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: error } } });

export const dossierOpenApi = {
  paths: {
    '/api/v1/procedures/{slug}/dossiers': {
      post: {
        summary: 'Create a prefilled draft of an online procedure',
        description:
          'Answers are checked field by field like the form checks them; invalid ones, answers to unknown fields and files are ignored and listed. ' +
          'The draft belongs to nobody until a citizen opens `url`, signs in and claims it (once). Limited to 30 per minute per client.',
        operationId: 'prefillDossier',
        parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', properties: { answers: { type: 'object', description: 'Field id → value, as typed answers (dates YYYY-MM-DD)', additionalProperties: true } } },
              example: { answers: { nom: 'Issoufou', prenoms: 'Aïcha', date_naissance: '1994-03-12' } },
            },
          },
        },
        responses: {
          '201': {
            description: 'The draft',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['id', 'url', 'prefill_token', 'ignored'],
                  properties: {
                    id: { type: 'string' },
                    url: { type: 'string', format: 'uri', description: 'Where the citizen continues; it carries the prefill token' },
                    prefill_token: { type: 'string' },
                    ignored: { type: 'array', items: { type: 'string' }, description: 'Answers not kept (paths)' },
                  },
                },
              },
            },
          },
          '400': errorResponse('Body is not a JSON object with an `answers` object'),
          '404': errorResponse('No such procedure, or it is not online'),
          '429': errorResponse('Too many drafts created'),
        },
      },
    },
    '/api/v1/dossiers/{reference}': {
      get: {
        summary: "A dossier, for its owner (the signed-in session's user)",
        operationId: 'getDossier',
        parameters: [{ name: 'reference', in: 'path', required: true, schema: { type: 'string', example: 'DOS-2026-7K3F9Q' } }],
        responses: {
          '200': { description: 'The dossier', content: { 'application/json': { schema: { $ref: '#/components/schemas/Dossier' } } } },
          '401': errorResponse('Not signed in'),
          '404': errorResponse('No dossier of yours has this reference'),
        },
      },
    },
  },
  schemas: {
    Dossier: {
      type: 'object',
      required: ['reference', 'status', 'procedure', 'submitted_at', 'updated_at', 'url', 'timeline', 'answers'],
      properties: {
        reference: { type: 'string' },
        status: { enum: ['submitted', 'in_review', 'correction', 'accepted', 'refused', 'closed'] },
        procedure: { type: 'object', properties: { slug: { type: 'string' }, title: { type: 'string' } } },
        submitted_at: { type: 'string', format: 'date-time' },
        updated_at: { type: 'string', format: 'date-time' },
        url: { type: 'string', format: 'uri' },
        timeline: {
          type: 'array',
          items: { type: 'object', properties: { event: { type: 'string' }, status: { type: ['string', 'null'] }, at: { type: 'string', format: 'date-time' } } },
        },
        answers: { type: 'object', additionalProperties: true },
      },
    },
  },
};

// The documents' part of the OpenAPI 3.1 document served at /api/v1/openapi.json.
import { DOCUMENT_KINDS } from './types.ts';

const error = { $ref: '#/components/schemas/Error' };

export const documentsOpenApi = {
  paths: {
    '/api/v1/verify': {
      post: {
        summary: 'Verify the code of a sealed document',
        description:
          'Checks the Ed25519 seal of a code (as printed under the QR code, or the address the QR code holds) against the published keys, then the revocation list. Any input gets an answer: invalid codes are a 200 with status "invalid" and a reason. The format is in docs/verification.md; the keys are at /.well-known/guichet-keys.json. Limited to 120 requests a minute per address.',
        operationId: 'verifyDocument',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['code'], properties: { code: { type: 'string', maxLength: 4000 } } },
            },
          },
        },
        responses: {
          '200': { description: 'The verdict', content: { 'application/json': { schema: { $ref: '#/components/schemas/Verification' } } } },
          '400': { description: 'No code given', content: { 'application/json': { schema: error } } },
          '429': { description: 'Too many requests', content: { 'application/json': { schema: error } } },
        },
      },
    },
  },
  schemas: {
    Verification: {
      type: 'object',
      required: ['status', 'message'],
      properties: {
        status: { enum: ['valid', 'revoked', 'invalid'] },
        message: { type: 'string', description: 'The verdict in plain words, in the language asked (?lang=)' },
        reason: {
          enum: ['malformed', 'truncated', 'version', 'unknown-key', 'signature', 'key-not-valid-then'],
          description: 'Why an invalid code is invalid',
        },
        revokedAt: { type: 'string', format: 'date-time' },
        revocationReason: { type: 'string' },
        facts: {
          type: 'object',
          description: 'The signed facts (title: from the server records, when it holds this very document)',
          properties: {
            kind: { enum: [...DOCUMENT_KINDS] },
            title: { type: ['string', 'null'] },
            reference: { type: 'string' },
            holder: { type: 'object', properties: { name: { type: 'string' }, birthDate: { type: ['string', 'null'], format: 'date' } } },
            issuedAt: { type: 'string', format: 'date-time' },
            expiresOn: { type: ['string', 'null'], format: 'date' },
            expired: { type: 'boolean' },
            contentHash: { type: 'string', description: 'SHA-256 (hex) of the canonical content attached to the PDF' },
            issuer: {
              type: 'object',
              properties: { id: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' }, country: { type: 'string' }, keyId: { type: 'string' } },
            },
          },
        },
      },
    },
  },
};

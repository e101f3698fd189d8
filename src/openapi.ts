// The OpenAPI 3.1 description of /api/v1, assembled from the parts each module contributes.
import type { Config } from './config.ts';

interface ApiPart {
  paths: Record<string, unknown>;
  schemas: Record<string, unknown>;
}

export function openApiDocument(config: Config, parts: ApiPart[]) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Guichet API',
      version: '1.0.0',
      description: 'Public API of the Guichet e-services platform. Texts are localised with ?lang=.',
    },
    servers: [{ url: config.publicUrl }],
    paths: Object.assign({}, ...parts.map((p) => p.paths)),
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['status', 'message'],
              properties: { status: { type: 'integer' }, message: { type: 'string' }, details: { type: 'array', items: { type: 'object' } } },
            },
          },
        },
        ...Object.assign({}, ...parts.map((p) => p.schemas)),
      },
    },
  };
}

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../server/sessions';
import { answersFile, CHANNELS, contract, FILE_CHANNELS, fileMediaType } from './contract';
import { ACCESS } from './domain/permissions';
import { OPENAPI_FILE, renderOpenApi } from '../../tests/write-openapi';
import { compileDocument, validateDocument as validate } from '../../tests/fuzz/document';
import { openApiDocument, valueTypeOf } from './openapi';

/**
 * docs/openapi.json is the contract for tools outside this repository. It is generated, never edited:
 * this test regenerates it and fails when the committed file differs (`npm run openapi` or
 * UPDATE_OPENAPI=1 rewrites it). An independent validator checks the document is valid OpenAPI 3.1.
 */
const FILE = OPENAPI_FILE;
const render = renderOpenApi;

describe('docs/openapi.json', () => {
  it('is the document generated from the contract', () => {
    const fresh = render();
    if (process.env.UPDATE_OPENAPI === '1') fs.writeFileSync(FILE, fresh);
    const committed = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : '';
    if (committed === fresh) return;
    const before = committed ? JSON.parse(committed) : { paths: {} };
    const after = JSON.parse(fresh);
    const changed = [...new Set([...Object.keys(before.paths ?? {}), ...Object.keys(after.paths)])]
      .filter((p) => JSON.stringify(before.paths?.[p]) !== JSON.stringify(after.paths[p]));
    expect.fail(`docs/openapi.json is out of date (run \`npm run openapi\`); changed: ${changed.join(', ') || 'outside paths'}`);
  });

  it('is valid OpenAPI 3.1 for an independent validator', async () => {
    const api = await validate(openApiDocument(SESSION_COOKIE));
    expect(api).toMatchObject({ openapi: '3.1.0' });
  });

  it('is refused by that validator when broken, so the check above means something', async () => {
    const doc = openApiDocument(SESSION_COOKIE) as any;
    const undescribed = structuredClone(doc);
    delete undescribed.paths['/api/cases/get'].post.responses['200'].description;
    await expect(validate(undescribed)).rejects.toThrow();
    const danglingRef = structuredClone(doc);
    danglingRef.paths['/api/cases/get'].post.responses['404'] = { $ref: '#/components/responses/Nowhere' };
    await expect(validate(danglingRef)).rejects.toThrow();
    const noInfo = structuredClone(doc);
    delete noInfo.info;
    await expect(validate(noInfo)).rejects.toThrow();
  });

  it('holds schemas that compile as JSON Schema 2020-12 (the OpenAPI meta-schema does not check them)', async () => {
    const doc = openApiDocument(SESSION_COOKIE) as any;
    const operations = await compileDocument(doc);
    expect(operations.size).toBe(CHANNELS.length + 1);
    const badSchema = structuredClone(doc);
    badSchema.components.schemas.ErrorCode.type = 'text';
    await expect(compileDocument(badSchema)).rejects.toThrow();
    const ids = Object.values<any>(doc.paths).map((item) => (item.post ?? item.get).operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has one POST operation per channel, with the session required exactly where the core requires it', () => {
    const doc = openApiDocument(SESSION_COOKIE) as any;
    const channelPaths = Object.keys(doc.paths).filter((p) => p !== '/api/openapi.json');
    expect(channelPaths.sort()).toEqual(CHANNELS.map((c) => `/api/${c}`).sort());
    for (const channel of CHANNELS) {
      const op = doc.paths[`/api/${channel}`].post;
      expect({ channel, security: op.security }).toEqual({ channel, security: ACCESS[channel] === 'public' ? [] : [{ session: [] }] });
      expect(op['x-access']).toEqual(ACCESS[channel]);
    }
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
  });

  it('describes each request body by the zod schema the core parses with', () => {
    const doc = openApiDocument(SESSION_COOKIE) as any;
    const body = (c: string) => doc.paths[`/api/${c}`].post.requestBody.content['application/json'].schema;
    const register = body('cases/register');
    expect(register.required).toEqual(expect.arrayContaining(['receivedAt', 'channel', 'caseType', 'subject', 'account']));
    // Defaults make a field optional on the way in.
    expect(register.required).not.toContain('isConfidential');
    expect(register.properties.subject).toMatchObject({ type: 'string', maxLength: 100 });
    expect(register.properties.complainants).toMatchObject({ type: 'array', maxItems: 20 });
    expect(body('cases/list').properties.status.items.enum).toContain('closed');
    expect(body('calendar/get').properties.year).toMatchObject({ type: 'integer', minimum: 2000, maximum: 2100 });
    for (const channel of CHANNELS) {
      expect({ channel, type: body(channel).type }).toEqual({ channel, type: 'object' });
      // Every documented property is one the schema knows, and the other way round.
      const shape = Object.keys((contract[channel].input as any)._zod.def.shape ?? (contract[channel].input as any)._zod.def.innerType?._zod.def.shape ?? {});
      if (shape.length > 0) expect({ channel, keys: Object.keys(body(channel).properties).sort() }).toEqual({ channel, keys: shape.sort() });
    }
  });

  it('names each answer by the output type contract.ts gives the channel', () => {
    const source = fs.readFileSync(path.resolve(__dirname, 'contract.ts'), 'utf8');
    const declared = new Map([...source.matchAll(/'([a-zA-Z]+\/[A-Za-z]+)': (?:channel<(.+?)>\(\)|fileChannel\()/g)].map((m) => [m[1], m[2] ?? 'FileResult']));
    expect(declared.size).toBe(CHANNELS.length);
    for (const channel of CHANNELS) {
      const named = valueTypeOf(channel);
      if (named !== undefined) expect({ channel, type: named }).toEqual({ channel, type: declared.get(channel) });
    }
  });

  it('answers every channel with the Result envelope, a file channel\'s success with the file itself', () => {
    const doc = openApiDocument(SESSION_COOKIE) as any;
    expect(FILE_CHANNELS).toContain('calendar/exportYear');
    for (const channel of CHANNELS) {
      const responses = doc.paths[`/api/${channel}`].post.responses;
      if (answersFile(channel)) {
        expect(Object.keys(responses['200'].content)).toEqual([fileMediaType(channel)]);
        expect(responses['200'].headers['Content-Disposition']).toMatchObject({ required: true });
      } else {
        expect(responses['200'].content['application/json'].schema.properties.ok).toEqual({ const: true });
      }
      for (const status of ['401', '403', '404', '409', '422', '500']) {
        expect(responses[status]).toEqual({ $ref: `#/components/responses/Failure${status}` });
      }
    }
    expect(doc.components.schemas.Failure.properties.error.required).toEqual(['code', 'message']);
  });
});

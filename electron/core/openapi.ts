import { z } from 'zod';
import { answersFile, CHANNELS, contract, fileMediaType, type Channel } from './contract';
import { ACCESS } from './domain/permissions';
import { CASE_ACTIONS } from './domain/workflow';
import packageJson from '../../package.json';
import type { ErrorCode } from './errors';

/**
 * The contract as an OpenAPI 3.1 document, for tools written outside this repository. Request bodies are
 * generated from the very zod schemas the core parses with (their input side: defaults make a field
 * optional, transforms are described by what they accept). What JSON Schema cannot say (cross-field
 * rules, checksums, "a real date") stays in docs/API.md; the server is always the final judge.
 * Output types exist only in TypeScript, so answers are described by the name of their type.
 */

type JsonSchema = Record<string, unknown>;

/** HTTP status for each error code: the server's mapping, stated here for readers of the document. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 422, CALENDAR_MISSING: 422, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404,
  CONFLICT: 409, INVALID_TRANSITION: 409, LOCKED: 423, CORRUPT: 503, INTERNAL: 500,
};
const ERROR_CODES = Object.keys(HTTP_STATUS) as ErrorCode[];
/** 413: a body over the limit is refused before it is read to the end. */
const FAILURE_STATUSES = [...new Set([...Object.values(HTTP_STATUS), 413])].sort();

const STATUS_MEANING: Record<number, string> = {
  401: 'not signed in, session ended, or wrong user name / password (UNAUTHENTICATED)',
  403: 'this role may not do this, or the request came from another site (FORBIDDEN)',
  404: 'no such case, user or record (NOT_FOUND)',
  409: 'the record changed since it was read, a duplicate, or the status does not allow this (CONFLICT, INVALID_TRANSITION)',
  413: 'request body over 2 MB',
  422: 'input malformed, missing or implausible, or a date outside the working-day calendar (VALIDATION, CALENDAR_MISSING)',
  423: 'locked (LOCKED)',
  500: 'unexpected failure, logged on the server (INTERNAL)',
  503: 'the register could not be opened (damaged, moved aside): only recovery/* answers (CORRUPT)',
};

/**
 * What each channel answers with: its output type as written in contract.ts (openapi.test.ts checks
 * they agree). A channel missing here is described as "any value".
 */
const VALUE_TYPES: Partial<Record<string, string>> = {
  'setup/status': '{ needsSetup: boolean; officeName: string }',
  'setup/init': 'SessionUser',
  'auth/signIn': 'SessionUser',
  'auth/signOut': 'null',
  'auth/me': 'SessionUser',
  'auth/session': 'SessionUser | null',
  'auth/changePassword': 'null',
  'users/list': 'UserInfo[]',
  'users/create': 'UserInfo',
  'users/update': 'UserInfo',
  'users/unlock': 'UserInfo',
  'settings/get': 'OfficeSettings',
  'settings/update': 'OfficeSettings',
  'directory/get': 'Directory',
  'departments/save': 'Department',
  'staff/save': 'StaffMember',
  'lookups/save': 'Lookup',
  'calendar/get': 'CalendarYearView',
  'calendar/setDay': 'CalendarYearView',
  'calendar/previewImport': 'CalendarImportPreview',
  'calendar/importYear': 'CalendarYearView',
  'calendar/exportYear': 'FileResult',
  'calendar/due': '{ due: string }',
  ...Object.fromEntries(CASE_ACTIONS.map((action) => [`cases/${action}`, 'CaseDetail'])),
  'cases/register': 'CaseDetail',
  'cases/get': 'CaseDetail',
  'cases/revealIdentity': 'ComplainantView[]',
  'cases/list': 'RegisterPage',
  'cases/repeatCandidates': 'RepeatCandidate[]',
  'cases/linkRepeat': 'CaseDetail',
  'cases/unlinkRepeat': 'CaseDetail',
  'statistics/get': 'StatisticsReport',
  'statistics/xlsx': 'FileResult',
  'statistics/trend': 'StatisticsTrend',
  'statistics/pdf': 'FileResult',
  'dashboard/get': 'Dashboard',
  'history/verify': 'HistoryVerification',
  'papers/list': 'PaperRecord[]',
  'papers/prepare': 'PaperDraft',
  'papers/previewPdf': 'FileResult',
  'papers/previewDocx': 'FileResult',
  'papers/issue': 'PaperRecord',
  'papers/pdf': 'FileResult',
  'papers/docx': 'FileResult',
  'papers/issueBatch': 'FileResult',
  'paperTemplates/list': 'PaperTemplateInfo[]',
  'paperTemplates/versions': 'PaperTemplateVersion[]',
  'paperTemplates/preview': 'PaperDraft',
  'paperTemplates/save': 'PaperTemplateInfo',
  'paperTemplates/cases': 'PaperPreviewCase[]',
  'paperSettings/get': 'PaperSettings',
  'paperSettings/save': 'PaperSettings',
  'backup/status': 'BackupStatus',
  'backup/run': 'BackupProgress',
  'backup/progress': 'BackupProgress',
  'backup/saveSettings': 'BackupStatus',
  'backup/inspect': 'BackupInfo',
  'backup/restore': 'RestoreResult',
  'recovery/status': 'RecoveryStatus',
  'recovery/restore': 'RestoreResult',
};

export function valueSchema(channel: Channel): JsonSchema {
  const type = VALUE_TYPES[channel];
  if (type === undefined) return { description: 'see docs/API.md' };
  const description = `${type} (docs/API.md, Return types)`;
  if (type === 'null') return { type: 'null' };
  if (type.endsWith(' | null')) return { type: ['object', 'null'], description };
  if (type.endsWith('[]')) return { type: 'array', items: { type: 'object' }, description };
  return { type: 'object', description };
}

export const valueTypeOf = (channel: Channel): string | undefined => VALUE_TYPES[channel];

/** A channel's input as JSON Schema 2020-12 (the dialect of OpenAPI 3.1), without the `$schema` line. */
export function inputSchema(channel: Channel): JsonSchema {
  // Unrepresentable parts (a preprocess step, a custom check) become "anything": the document stays
  // generable whatever the contract grows, and such fields are explained in docs/API.md.
  const { $schema: _dialect, ...schema } = z.toJSONSchema(contract[channel].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return schema;
}

const accessText = (channel: Channel): string => {
  const access = ACCESS[channel];
  if (access === 'public') return 'no sign-in needed';
  if (access === 'signedIn') return 'any signed-in user';
  return `roles: ${access.join(', ')}`;
};

const operationId = (channel: Channel) => channel.replace(/\/(\w)/g, (_, c: string) => c.toUpperCase());

function operation(channel: Channel): JsonSchema {
  const isPublic = ACCESS[channel] === 'public';
  const schema = inputSchema(channel);
  const required = Array.isArray(schema.required) && schema.required.length > 0;
  const errors = Object.fromEntries(FAILURE_STATUSES.map((s) => [String(s), { $ref: `#/components/responses/Failure${s}` }]));
  return {
    operationId: operationId(channel),
    tags: [channel.split('/')[0]],
    summary: channel,
    description: `Access: ${accessText(channel)}. Details: docs/API.md, section \`${channel}\`.`,
    'x-access': ACCESS[channel],
    security: isPublic ? [] : [{ session: [] }],
    requestBody: {
      // An empty body counts as {}.
      required,
      content: { 'application/json': { schema } },
    },
    responses: {
      200: answersFile(channel) ? fileResponse(fileMediaType(channel)) : {
        description: 'done',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['ok', 'value'],
              additionalProperties: false,
              properties: { ok: { const: true }, value: valueSchema(channel) },
            },
          },
        },
      },
      ...errors,
    },
  };
}

/**
 * A file channel's success is the file itself, not the Result envelope (its failures still are): the body
 * is the file's bytes, named by Content-Disposition.
 */
function fileResponse(mediaType: string): JsonSchema {
  return {
    description: 'the file itself (not the Result envelope); failures are the envelope as for every channel',
    headers: {
      'Content-Disposition': {
        description: 'attachment; filename="<ASCII fallback>"; filename*=UTF-8\'\'<percent-encoded name> (RFC 6266 / RFC 8187)',
        required: true,
        schema: { type: 'string', pattern: '^attachment; ' },
      },
    },
    content: { [mediaType]: { schema: { type: 'string', contentMediaType: mediaType } } },
  };
}

/** `sessionCookie`: the HttpOnly cookie that carries the session (electron/server/sessions.ts). */
export function openApiDocument(sessionCookie: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = Object.fromEntries(CHANNELS.map((channel) => [`/api/${channel}`, { post: operation(channel) }]));
  paths['/api/openapi.json'] = {
    get: {
      operationId: 'openApiDocument',
      tags: ['meta'],
      summary: 'this document',
      security: [{ session: [] }],
      responses: {
        200: { description: 'the OpenAPI document', content: { 'application/json': { schema: { type: 'object' } } } },
        401: { $ref: '#/components/responses/Failure401' },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: '投诉登记册 本机 HTTP 接口 · complaint register local HTTP API',
      version: packageJson.version,
      description:
        'Every channel is POST /api/<channel> with a JSON body and answers the Result envelope. ' +
        'Requests must come from the same origin (Host and Origin are checked). Generated from electron/core/contract.ts; ' +
        'prose, formats and rules JSON Schema cannot express: docs/API.md.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: 'http://127.0.0.1:4310', description: 'the default of `serve`' }],
    security: [{ session: [] }],
    tags: [...new Set(CHANNELS.map((c) => c.split('/')[0])), 'meta'].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: sessionCookie, description: 'set by auth/signIn or setup/init; HttpOnly, SameSite=Strict' },
      },
      schemas: {
        ErrorCode: { type: 'string', enum: ERROR_CODES },
        Failure: {
          type: 'object',
          required: ['ok', 'error'],
          additionalProperties: false,
          properties: {
            ok: { const: false },
            error: {
              type: 'object',
              required: ['code', 'message'],
              additionalProperties: false,
              properties: {
                code: { $ref: '#/components/schemas/ErrorCode' },
                message: { type: 'string', minLength: 1, description: 'Chinese text for the person at the screen' },
                field: { type: 'string', description: 'dotted path of the input field at fault, e.g. complainants.0.phone' },
              },
            },
          },
        },
      },
      responses: Object.fromEntries(
        FAILURE_STATUSES.map((s) => [
          `Failure${s}`,
          { description: STATUS_MEANING[s] ?? 'refused', content: { 'application/json': { schema: { $ref: '#/components/schemas/Failure' } } } },
        ]),
      ),
    },
  };
}

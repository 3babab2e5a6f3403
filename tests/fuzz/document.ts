import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { SESSION_COOKIE } from '../../electron/server/sessions';
import { openApiDocument } from '../../electron/core/openapi';

/**
 * The OpenAPI document read back by independent tools: swagger-parser checks the document itself, and
 * Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) compiles every schema in it, since the OpenAPI
 * meta-schema leaves schema objects unchecked. The fuzzer validates each answer against these.
 */
export interface CompiledOperation {
  request: ValidateFunction;
  /** by HTTP status as documented */
  responses: Map<number, ValidateFunction>;
  /** the media type of a success that is a file (a file channel), not the JSON envelope */
  fileMediaType?: string;
}

export const validateDocument = (doc: unknown) => SwaggerParser.validate(structuredClone(doc) as never);

export async function compileDocument(doc: unknown = openApiDocument(SESSION_COOKIE)): Promise<Map<string, CompiledOperation>> {
  const deref = (await SwaggerParser.dereference(structuredClone(doc) as never)) as any;
  // validateFormats off: formats are explained in docs/API.md; strict on: unknown keywords are errors.
  const ajv = new Ajv2020({ strict: true, validateFormats: false, allErrors: false });
  const operations = new Map<string, CompiledOperation>();
  for (const [route, item] of Object.entries<any>(deref.paths)) {
    const op = item.post ?? item.get;
    const request = ajv.compile(op.requestBody?.content['application/json'].schema ?? {});
    const responses = new Map<number, ValidateFunction>();
    let fileMediaType: string | undefined;
    for (const [status, response] of Object.entries<any>(op.responses)) {
      const [mediaType, content] = Object.entries<any>(response.content)[0];
      if (mediaType !== 'application/json') fileMediaType = mediaType;
      responses.set(Number(status), ajv.compile(content.schema));
    }
    operations.set(route, { request, responses, fileMediaType });
  }
  return operations;
}

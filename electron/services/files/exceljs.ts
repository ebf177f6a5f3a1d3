/**
 * The one way the app loads exceljs. exceljs 4.4 decodes every inflated chunk of a sheet's XML to
 * text on its own, so a Chinese character whose UTF-8 bytes straddle two chunks turns into "�"
 * (exceljs issues #2063, #2084, #2316, still open). We replace its SAX feeder with one that carries
 * incomplete sequences over to the next chunk, before exceljs is first required. Every module that
 * needs exceljs at run time calls `loadExcelJs()`; `import type` is fine anywhere.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJSModule from 'exceljs';

type ExcelJs = typeof ExcelJSModule;

interface SaxesParserLike {
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'opentag' | 'text' | 'closetag', listener: (value: unknown) => void): void;
  write(text: string): void;
}

let loaded: ExcelJs | null = null;

function utf8SafeParseSax(requireFromExceljs: NodeJS.Require) {
  const { SaxesParser } = requireFromExceljs('saxes') as { SaxesParser: new () => SaxesParserLike };
  const { PassThrough } = requireFromExceljs('readable-stream') as {
    PassThrough: new () => NodeJS.ReadWriteStream;
  };
  return async function* parseSax(source: AsyncIterable<Buffer | string> & { pipe?: unknown }) {
    let iterable: AsyncIterable<Buffer | string> = source;
    if (typeof source.pipe === 'function' && !(Symbol.asyncIterator in source)) {
      iterable = (source as unknown as NodeJS.ReadableStream).pipe(
        new PassThrough(),
      ) as unknown as AsyncIterable<Buffer>;
    }
    const parser = new SaxesParser();
    const decoder = new StringDecoder('utf8');
    let error: Error | undefined;
    parser.on('error', (err) => {
      error = err;
    });
    let events: { eventType: string; value: unknown }[] = [];
    parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
      if (error) throw error;
      yield events;
      events = [];
    }
    const rest = decoder.end();
    if (rest) {
      parser.write(rest);
      if (error) throw error;
      yield events;
    }
  };
}

/** Installs the UTF-8-safe SAX feeder; must run before anything requires exceljs. Idempotent. */
export function applyExcelJsUtf8Fix(): void {
  const requireHere = createRequire(__filename);
  const exceljsDir = path.dirname(requireHere.resolve('exceljs/package.json'));
  const requireFromExceljs = createRequire(path.join(exceljsDir, 'package.json'));
  const parseSaxPath = requireFromExceljs.resolve('./lib/utils/parse-sax.js');
  const cached = requireHere.cache[parseSaxPath];
  if (cached && (cached.exports as { isUtf8Safe?: boolean }).isUtf8Safe) return;
  const mainPath = requireFromExceljs.resolve('exceljs');
  if (requireHere.cache[mainPath]) {
    throw new Error('exceljs was loaded before its UTF-8 fix: load it through loadExcelJs()');
  }
  const fixed = Object.assign(utf8SafeParseSax(requireFromExceljs), { isUtf8Safe: true });
  const module = new (
    requireHere('node:module') as { Module: new (id: string) => NodeJS.Module }
  ).Module(parseSaxPath);
  module.filename = parseSaxPath;
  module.loaded = true;
  module.exports = fixed;
  requireHere.cache[parseSaxPath] = module;
}

export function loadExcelJs(): ExcelJs {
  if (loaded) return loaded;
  applyExcelJsUtf8Fix();
  loaded = createRequire(__filename)('exceljs') as ExcelJs;
  return loaded;
}

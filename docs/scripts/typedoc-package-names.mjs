// SPDX-License-Identifier: BSD-3-Clause
/**
 * TypeDoc plugin: names each entry point after the npm import path that exposes it
 * (`core/src` → `@riuso-sociale/core`, `fiscal-code/src/lite` → `@riuso-sociale/fiscal-code/lite`),
 * so the API reference speaks the names users import. With `excludeScopesInPaths` the pages still
 * live under `api/core/`, `api/fiscal-code/lite/`, ….
 */
import { Converter, ReflectionKind } from 'typedoc';

/** `core/src` → `@riuso-sociale/core`; `fiscal-code/src/lite` → `@riuso-sociale/fiscal-code/lite`. */
export function packageName(moduleName) {
  const m = /^([^/]+)\/src(?:\/(.+))?$/.exec(moduleName);
  if (!m) return moduleName;
  const sub = m[2] && m[2] !== 'index' ? `/${m[2]}` : '';
  return `@riuso-sociale/${m[1]}${sub}`;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const mod of context.project.getChildrenByKind(ReflectionKind.Module)) {
      mod.name = packageName(mod.name);
    }
  });
}

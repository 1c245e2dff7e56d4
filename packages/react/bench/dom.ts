// A jsdom window for the Node benchmark, installed before React DOM is loaded.
// (jsdom ships no types and @types/jsdom is not installed: the little used here is typed locally.)
interface JsdomModule {
  JSDOM: new (html: string, options: { pretendToBeVisual: boolean }) => { window: Window }
}
const specifier = 'jsdom'
const { JSDOM } = (await import(specifier)) as JsdomModule

const { window: jsdomWindow } = new JSDOM('<!doctype html><html><body></body></html>', {
  pretendToBeVisual: true,
})
const g = globalThis as Record<string, unknown>
const w = jsdomWindow as unknown as Record<string, unknown>
for (const key of [
  'window',
  'document',
  'navigator',
  'HTMLElement',
  'Node',
  'Element',
  'Text',
  'Event',
  'MutationObserver',
]) {
  if (!(key in g) || key === 'window' || key === 'document')
    Object.defineProperty(g, key, { value: w[key], configurable: true, writable: true })
}

export {}

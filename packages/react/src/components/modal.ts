// Opening and closing a <dialog> as a modal. Where the browser has `showModal()` it does the work
// (focus contained, Escape, the page behind inert). Where it is missing (jsdom, so every user's
// component test; old browsers) the `open` attribute is set and the essentials are done here: focus
// moves into the dialog, Tab stays inside, Escape closes it, and `cancel` / `close` are dispatched
// like the native ones, so the component's one `close` handler (focus back to the opener) covers both.

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',')

/** The fallback's document listener per open dialog, removed when it closes or unmounts. */
const fallbacks = new WeakMap<HTMLDialogElement, () => void>()

/** `dialog.showModal()`, or the fallback where the browser has none. */
export function openModal(dialog: HTMLDialogElement): void {
  if (typeof dialog.showModal === 'function') {
    dialog.showModal()
    return
  }
  if (dialog.hasAttribute('open')) return
  dialog.setAttribute('open', '')
  const doc = dialog.ownerDocument
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      // As natively: a `cancel` listener may keep the dialog open with `preventDefault()`.
      if (dialog.dispatchEvent(new Event('cancel', { cancelable: true }))) closeModal(dialog)
    } else if (event.key === 'Tab') {
      keepTabInside(dialog, event)
    }
  }
  doc.addEventListener('keydown', onKeyDown)
  fallbacks.set(dialog, () => doc.removeEventListener('keydown', onKeyDown))
  focusInside(dialog)
}

/** `dialog.close()`, or the fallback's: `open` removed, listeners released, `close` dispatched. */
export function closeModal(dialog: HTMLDialogElement): void {
  if (typeof dialog.close === 'function') {
    dialog.close()
    return
  }
  if (!dialog.hasAttribute('open')) return
  dialog.removeAttribute('open')
  releaseModal(dialog)
  dialog.dispatchEvent(new Event('close'))
}

/** Drops the fallback's listeners (an open dialog that unmounts). Nothing to do for a native one. */
export function releaseModal(dialog: HTMLDialogElement): void {
  fallbacks.get(dialog)?.()
  fallbacks.delete(dialog)
}

function focusables(dialog: HTMLDialogElement): HTMLElement[] {
  return Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE))
}

/** What `showModal()` focuses: an `autofocus` element, else the first focusable one, else the dialog. */
function focusInside(dialog: HTMLDialogElement): void {
  const target = dialog.querySelector<HTMLElement>('[autofocus]') ?? focusables(dialog)[0]
  if (target) {
    target.focus()
    return
  }
  if (!dialog.hasAttribute('tabindex')) dialog.tabIndex = -1
  dialog.focus()
}

/** Tab from the last focusable element goes to the first (Shift+Tab the other way); focus outside comes back in. */
function keepTabInside(dialog: HTMLDialogElement, event: KeyboardEvent): void {
  const items = focusables(dialog)
  const first = items[0]
  const last = items[items.length - 1]
  if (first === undefined || last === undefined) {
    event.preventDefault()
    focusInside(dialog)
    return
  }
  const active = dialog.ownerDocument.activeElement
  const inside = active !== null && dialog.contains(active)
  if (event.shiftKey && (!inside || active === first)) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && (!inside || active === last)) {
    event.preventDefault()
    first.focus()
  }
}

// The panel's own styles, shipped with it (not in styles.css): an app that never opens the devtools
// never downloads them. They use the components' custom properties, so the theme (and dark mode) carries.
export const devtoolsCss = `
.entitle-devtools{position:fixed;z-index:2147483000;font:13px/1.45 system-ui,sans-serif;color:var(--entitle-fg,#1b1f27)}
.entitle-devtools[data-position$="left"]{inset-inline-start:12px}
.entitle-devtools[data-position$="right"]{inset-inline-end:12px}
.entitle-devtools[data-position^="bottom"]{inset-block-end:12px}
.entitle-devtools[data-position^="top"]{inset-block-start:12px}
.entitle-devtools *{box-sizing:border-box}
.entitle-devtools button,.entitle-devtools select{font:inherit;color:inherit}
.entitle-devtools__table select{min-inline-size:9.5rem}
.entitle-devtools__toggle{display:inline-flex;align-items:center;gap:6px;padding:6px 12px;border:1px solid var(--entitle-border,#d5d9e0);border-radius:999px;background:var(--entitle-bg,#fff);box-shadow:var(--entitle-shadow,0 4px 12px rgb(0 0 0/.15));font-weight:600;cursor:pointer}
.entitle-devtools__count{padding:0 6px;border-radius:999px;background:var(--entitle-warning,#a14a06);color:var(--entitle-bg,#fff)}
.entitle-devtools__panel{position:absolute;inset-block-end:calc(100% + 8px);inline-size:min(44rem,calc(100vw - 24px));max-block-size:min(36rem,calc(100vh - 80px));overflow:auto;padding:12px;border:1px solid var(--entitle-border,#d5d9e0);border-radius:10px;background:var(--entitle-bg,#fff);box-shadow:var(--entitle-shadow,0 10px 30px rgb(0 0 0/.2))}
.entitle-devtools[data-position$="left"] .entitle-devtools__panel{inset-inline-start:0}
.entitle-devtools[data-position$="right"] .entitle-devtools__panel{inset-inline-end:0}
.entitle-devtools[data-position^="top"] .entitle-devtools__panel{inset-block-end:auto;inset-block-start:calc(100% + 8px)}
.entitle-devtools__header{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-block-end:8px}
.entitle-devtools__header h2{margin:0;margin-inline-end:auto;font-size:15px}
.entitle-devtools h3{margin:12px 0 6px;font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--entitle-muted,#545b68)}
.entitle-devtools__button{padding:4px 10px;border:1px solid var(--entitle-border,#d5d9e0);border-radius:6px;background:var(--entitle-surface,#f5f6f8);cursor:pointer}
.entitle-devtools__button:disabled{opacity:.55;cursor:not-allowed}
.entitle-devtools :focus-visible{outline:2px solid var(--entitle-focus,#2563eb);outline-offset:2px}
.entitle-devtools__pill{padding:1px 8px;border-radius:999px;background:var(--entitle-track,#e3e6eb)}
.entitle-devtools__pill[data-live="open"]{background:var(--entitle-ok,#15803d);color:var(--entitle-bg,#fff)}
.entitle-devtools__facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:4px 12px;margin:0}
.entitle-devtools__facts div{display:grid}
.entitle-devtools__facts dt{color:var(--entitle-muted,#545b68);font-size:12px}
.entitle-devtools__facts dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.entitle-devtools__bar{display:flex;flex-wrap:wrap;align-items:center;gap:8px}
.entitle-devtools__table{inline-size:100%;border-collapse:collapse}
.entitle-devtools__table th,.entitle-devtools__table td{padding:4px 6px;border-block-end:1px solid var(--entitle-border,#d5d9e0);text-align:start;vertical-align:top}
.entitle-devtools__table tbody th{font-weight:600}
.entitle-devtools__table code{display:block;font-weight:400;color:var(--entitle-muted,#545b68)}
.entitle-devtools__table td[data-granted="false"]{color:var(--entitle-danger,#b42318)}
.entitle-devtools__table tr[data-overridden]{background:var(--entitle-warning-bg,#fff6e5)}
.entitle-devtools__tag{margin-inline-start:6px;padding:0 6px;border-radius:999px;background:var(--entitle-warning,#a14a06);color:var(--entitle-bg,#fff);font-size:11px}
.entitle-devtools__events{margin:0;padding:0;list-style:none;font-family:ui-monospace,monospace;font-size:12px}
.entitle-devtools__events li{padding:2px 0;border-block-end:1px dashed var(--entitle-border,#d5d9e0);overflow-wrap:anywhere}
.entitle-devtools__muted{margin:0;color:var(--entitle-muted,#545b68)}
.entitle-devtools .entitle-visually-hidden{position:absolute;inline-size:1px;block-size:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.entitle-devtools__note{margin:6px 0 0;color:var(--entitle-warning,#a14a06)}
`

/** `CHROMIUM_PATH`, else `/usr/bin/chromium`. Read when called, so a config sees the current environment. */
export declare function chromiumExecutable(): string

/** The flags that work as root in a closed network: no sandbox, no GPU, nothing phoning home. */
export declare const CHROMIUM_ARGS: readonly string[]

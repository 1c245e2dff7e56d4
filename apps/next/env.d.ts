// Next.js's ambient types (CSS imports, `next/image` modules) for the stand-alone `tsc` check: the
// generated next-env.d.ts exists only after a build, so the program does not depend on it.
/// <reference types="next" />
/// <reference types="next/image-types/global" />

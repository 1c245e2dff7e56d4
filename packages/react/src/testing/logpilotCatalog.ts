// The LogPilot catalog of DESIGN.md (a log-management SaaS): the catalog every scenario of
// `@entitle/react/testing` is built on, and a realistic one for your own stories and tests.
// One copy for the workspace lives in `@entitle/core/sample`; this module keeps the testing name.
export { type LogPilotFeature, logPilotCatalog as logpilotCatalog } from '@entitle/core/sample'

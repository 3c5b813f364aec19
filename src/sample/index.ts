// Public surface of the sample server (plain Node; no vscode).
export { startSampleServer } from './server';
export { DEFAULT_SAMPLE_KEYS } from './keys';
export { sampleAccounts, sampleVariantAccounts } from './accounts';
export { INJECTION_PAYLOADS, SENTINEL_COMMAND, XSS_PAYLOADS, XSS_SENTINEL, injectCorpus, injectionText } from './xss';
export { SAMPLE_IDS, SARAH, SEARCH_PHRASE, AGENTSEND_IDS, SITEGPT_IDS, TYBRITE_IDS, THRED_IDS, CATTIX_IDS } from './ids';
export { parseFaultSpec } from './faults';
export { CONTROL_CHARACTERS, CONTROL_PREFIX, HUGE_FIELD_LENGTH, MISBEHAVIOURS, type Misbehaviour } from './misbehave';
export { SERVICE_IDS } from './types';
export type {
  FaultRule,
  RequestLogEntry,
  SampleAccount,
  SampleControl,
  SampleInfo,
  SampleKeys,
  SampleServer,
  SampleServerOptions,
  ServiceId,
} from './types';

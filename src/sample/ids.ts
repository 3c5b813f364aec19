// The notable ids of the sample data, per service, for tests and the demo.
import { AGENTSEND_IDS } from './agentsend-data';
import { CATTIX_IDS } from './cattix-data';
import { SITEGPT_IDS } from './sitegpt-data';
import { THRED_IDS } from './thred-data';
import { TYBRITE_IDS } from './tybrite-data';

export { AGENTSEND_IDS, CATTIX_IDS, SITEGPT_IDS, THRED_IDS, TYBRITE_IDS };

export const SAMPLE_IDS = {
  agentsend: AGENTSEND_IDS,
  sitegpt: SITEGPT_IDS,
  tybrite: TYBRITE_IDS,
  thred: THRED_IDS,
  cattix: CATTIX_IDS,
} as const;

/** The person who appears in AgentSend, SiteGPT, Tybrite and Thred; the phrase Search Conversations finds twice. */
export { SARAH, SEARCH_PHRASE } from './data';

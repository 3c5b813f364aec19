// MiniSearch for the conversation index, on its own: the release build makes this module
// dist/minisearch.js (esbuild.js `lazyModules`), required by conversationIndex.ts when the first
// thread is indexed, so activation never loads it.
import MiniSearch from 'minisearch';

export { MiniSearch };

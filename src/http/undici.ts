// undici, loaded on first use: the first dispatcher (an account's first request, an image, the
// live feed) requires the HTTP stack; activation never does. In the release build
// `./undiciParts` is its own file, dist/undici.js (esbuild.js); elsewhere it is bundled in place.
import type * as UndiciParts from './undiciParts';

let parts: typeof UndiciParts | undefined;

export function undici(): typeof UndiciParts {
  return (parts ??= require('./undiciParts') as typeof UndiciParts);
}

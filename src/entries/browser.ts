/**
 * `psa-emu/browser`: browser adapters — the IndexedDB ITS backend (via idb-keyval).
 * @packageDocumentation
 */
export { type IndexedDbStore, indexedDbStorage } from '../browser/indexeddb-storage.js';

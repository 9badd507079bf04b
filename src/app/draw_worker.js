// The rank interval's helper thread (see draw_worker.rs, which starts it from a Blob of this
// text: its code is inside the second module's wasm, checked by Subresource Integrity).
//
// It is sent the second module's compiled WebAssembly.Module and instantiates it without the
// wasm-bindgen glue: the draws call nothing outside the wasm, so every import is a function that
// throws (and the app's start function is not called). Then each message { id, bytes } is a part
// of a run (ict_engine::interval_part): the bytes go in, ict_part_run runs the draws, and the
// part's tally goes back as { id, bytes }, or { id, bytes: null } when it was not run.
let wasm = null;

function instantiate(module) {
  const imports = {};
  for (const i of WebAssembly.Module.imports(module)) {
    if (i.kind !== 'function') throw new Error(`import ${i.module}.${i.name}: ${i.kind}`);
    const space = (imports[i.module] ||= {});
    space[i.name] = () => {
      throw new Error(`ict-index worker: ${i.name} is not here`);
    };
  }
  return WebAssembly.instantiate(module, imports);
}

function run(bytes) {
  const n = bytes.length;
  const at = wasm.ict_part_input(n);
  new Uint8Array(wasm.memory.buffer, at, n).set(bytes);
  const len = wasm.ict_part_run();
  if (len < 0) return null;
  return new Uint8Array(wasm.memory.buffer, wasm.ict_part_output(), len).slice();
}

// Parts sent before the module is instantiated wait for it (messages come in order).
let instantiated = Promise.resolve();
// Only the newest part waits to be run: one the page sent while another ran is for a state
// already left, and is answered at once with no bytes (the page no longer waits for it).
let newest = null;
const next = new MessageChannel();
next.port1.onmessage = () => {
  const data = newest;
  newest = null;
  if (!data) return;
  let out = null;
  try {
    out = wasm ? run(data.bytes) : null;
  } catch (e) {
    // A trap leaves the instance in an unknown state: no further part here.
    wasm = null;
  }
  self.postMessage({ id: data.id, bytes: out, broken: wasm === null }, out ? [out.buffer] : []);
};

self.onmessage = (event) => {
  const data = event.data;
  if (data instanceof WebAssembly.Module) {
    instantiated = instantiate(data).then(
      (result) => {
        wasm = result.exports;
        const ready = ['ict_part_input', 'ict_part_run', 'ict_part_output'].every(
          (f) => typeof wasm[f] === 'function',
        );
        if (!ready || !(wasm.memory instanceof WebAssembly.Memory)) wasm = null;
        self.postMessage({ ready: wasm !== null });
      },
      () => self.postMessage({ ready: false }),
    );
    return;
  }
  if (newest) self.postMessage({ id: newest.id, bytes: null, broken: false });
  newest = data;
  // Messages that came during a run are all taken before the run this one asks for.
  instantiated.then(() => next.port2.postMessage(null));
};

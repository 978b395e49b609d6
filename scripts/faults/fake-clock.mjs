// Preload for fault checks: shifts this process's wall clock (Date.now(), new Date()) while leaving
// the monotonic clock (performance.now(), timers) alone, as an NTP step or a wrong system clock does.
//
//   FAKE_CLOCK=+3600000 node --import ./scripts/faults/fake-clock.mjs bin/easysight.mjs worker
//   FAKE_CLOCK=0,+3600000@5000,-3600000@15000 ...   offset 0, +1 h after 5 s, -1 h after 15 s
//
// Each comma-separated step is <offset ms>[@<ms after start>]; the last step reached applies.
const steps = (process.env.FAKE_CLOCK ?? "0").split(",").map((step) => {
  const [offset, at = "0"] = step.trim().split("@");
  return { offset: Number(offset), at: Number(at) };
});
if (steps.some((s) => !Number.isFinite(s.offset) || !Number.isFinite(s.at)))
  throw new Error(`FAKE_CLOCK is not valid: ${process.env.FAKE_CLOCK}`);

const RealDate = Date;
const started = performance.now();
const offset = () => {
  const elapsed = performance.now() - started;
  let current = 0;
  for (const s of steps) if (elapsed >= s.at) current = s.offset;
  return current;
};

function FakeDate(...args) {
  if (!new.target) return new RealDate(RealDate.now() + offset()).toString();
  return Reflect.construct(RealDate, args.length ? args : [RealDate.now() + offset()], new.target);
}
FakeDate.prototype = RealDate.prototype;
FakeDate.now = () => RealDate.now() + offset();
FakeDate.parse = RealDate.parse;
FakeDate.UTC = RealDate.UTC;
globalThis.Date = FakeDate;

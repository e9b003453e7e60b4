import { createPubSub, filter, pipe } from "@graphql-yoga/subscription";
import { setMaxListeners } from "node:events";
const N = 5000;
function mkPubSub(){ const t = new EventTarget(); setMaxListeners(0,t); return createPubSub({eventTarget:t}); }
function startWith(first, rest){ const it=rest[Symbol.asyncIterator](); let s=false; const st={ next(){ if(s) return it.next(); s=true; return Promise.resolve({value:first,done:false}); }, async return(){ await it.return?.(); return {value:undefined,done:true}; }, [Symbol.asyncIterator]:()=>st}; return st; }

async function scenario(name, makeStream) {
  const ps = mkPubSub();
  let got = 0, resolveAll;
  const streams = [];
  for (let i=0;i<N;i++){ const s = makeStream(ps); streams.push(s);
    (async()=>{ for await (const v of s){ if (v.initial) continue; got++; if(got===N) resolveAll(); } })(); }
  await new Promise(r=>setTimeout(r,50));
  const times=[];
  for (let r=0;r<8;r++){ got=0; const done=new Promise(r=>resolveAll=r); const t0=performance.now(); ps.publish("T",{accountId:"a",initial:false,n:r}); await done; times.push(performance.now()-t0); }
  for (const s of streams) await s.return();
  console.log(name, times.slice(2).map(t=>t.toFixed(1)).join(" "));
}
await scenario("pubsub only", ps=>ps.subscribe("T"));
await scenario("pubsub+filter", ps=>pipe(ps.subscribe("T"), filter(c=>c.accountId==="a")));
await scenario("pubsub+filter+startWith", ps=>startWith({initial:true}, pipe(ps.subscribe("T"), filter(c=>c.accountId==="a"))));

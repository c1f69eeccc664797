// A depot's push in a process of its own, to be killed mid-way: node push-child.ts DB DEPOT URL
import { openStore } from '../../main/store/db.ts';
import { depotKey } from '../../main/center/depot-key.ts';
import { pushOutbox } from '../../main/center/sync.ts';

const [dbPath, depot, url] = process.argv.slice(2) as [string, string, string];
const store = openStore(dbPath);
// One entry a batch: many commits at the center, so a kill lands between two of them.
const result = await pushOutbox(store, depot, depotKey(dbPath).privateKey, { url }, 'zh-CN', { batchSize: 1 });
process.stdout.write(JSON.stringify(result));
store.close();

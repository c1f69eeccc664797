import { describe, expect, it } from 'vitest';
import { Service } from 'bonjour-service';
import { advertisement, foundServer, instanceName, SERVICE_TYPE } from '../../../main/server/discovery.ts';

// Multicast does not reach 127.0.0.1 on this machine (the loopback interface has no multicast), and
// the tests stay on 127.0.0.1: so these check what is advertised and how a heard server is listed,
// with bonjour-service's own record builder, and send nothing.
describe('finding the depot server by DNS-SD (main/server/discovery.ts)', () => {
  it('advertises _depot-desk._tcp under the depot’s name, with its port, TLS and the WebSocket path', () => {
    const config = advertisement({ name: '江川市应急物资储备库', port: 8443, tls: true });
    const records = new Service(config, () => {}, () => {}).records();
    const byType = (type: string) => records.filter((r) => r.type === type);
    expect(byType('PTR').map((r) => [r.name, r.data])).toContainEqual([`_${SERVICE_TYPE}._tcp.local`, `江川市应急物资储备库._${SERVICE_TYPE}._tcp.local`]);
    const srv = byType('SRV')[0]!;
    expect(srv.name).toBe(`江川市应急物资储备库._${SERVICE_TYPE}._tcp.local`);
    expect(srv.data).toMatchObject({ port: 8443 });
    const txt = Buffer.concat(byType('TXT')[0]!.data as Buffer[]).toString();
    expect(txt).toContain('tls=1');
    expect(txt).toContain('path=/depot');
    expect(advertisement({ name: '', port: 8080, tls: false }).txt).toMatchObject({ tls: '0' });
  });

  it('names an unnamed depot after its machine, and keeps a long name within DNS-SD’s 63 bytes without breaking a character', () => {
    expect(instanceName('  ', 'depot-srv')).toBe('Depot Desk depot-srv');
    const long = instanceName('江川市应急物资储备库（城东一号库）保暖安置物资专用库房');
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(63);
    expect('江川市应急物资储备库（城东一号库）保暖安置物资专用库房'.startsWith(long)).toBe(true);
    expect(long).not.toContain('\uFFFD');
  });

  it('lists a heard server with its IPv4 address first, ready to join', () => {
    const found = foundServer({ name: '江川市应急物资储备库', host: 'depot-srv', port: 8443, addresses: ['fd00::2', '192.168.1.10'], txt: { v: '1', tls: '1', path: '/depot' } });
    expect(found).toEqual({ name: '江川市应急物资储备库', host: 'depot-srv', addresses: ['192.168.1.10', 'fd00::2'], port: 8443, tls: true, address: '192.168.1.10:8443' });
    expect(foundServer({ name: 'x', host: 'h', port: 1, addresses: ['fd00::2'], txt: {} }).address).toBe('[fd00::2]:1');
  });
});

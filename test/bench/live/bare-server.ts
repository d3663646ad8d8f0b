import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'

// The live bench's yardstick: a bare `ws` server in its own process, doing the least a fan-out
// can do. It speaks just enough of the live protocol for the same clients (subscribe, then
// "subscribed"), and broadcasts on `POST /broadcast`: it answers the request first (the
// acknowledgement), then sends the request's body, as it is, to every subscribed socket.
// Spawned by bare.ts, it tells its port over IPC and exits when the coordinator goes away.

const subscribed = new Set<WebSocket>()

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/broadcast') {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const frame = Buffer.concat(chunks).toString()
      res.writeHead(201, { 'content-type': 'application/json' }).end('{}')
      for (const ws of subscribed) if (ws.readyState === WebSocket.OPEN) ws.send(frame)
    })
    return
  }
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ sockets: wss.clients.size, subscribed: subscribed.size }))
    return
  }
  res.writeHead(404).end()
})

const wss = new WebSocketServer({ server, path: '/api/live' })
wss.on('connection', (ws) => {
  ws.on('message', (data: Buffer) => {
    let msg: { op?: string; channel?: string }
    try {
      msg = JSON.parse(data.toString())
    } catch {
      return
    }
    if (msg.op === 'subscribe' && typeof msg.channel === 'string') {
      subscribed.add(ws)
      ws.send(JSON.stringify({ op: 'subscribed', channel: msg.channel, lastId: 0 }))
    }
  })
  ws.on('close', () => subscribed.delete(ws))
})

server.listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.address() as AddressInfo).port })
})
process.on('disconnect', () => process.exit(0))

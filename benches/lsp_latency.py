#!/usr/bin/env python3
"""Latency of `figcheck lsp`: a change to an open draft until its diagnostics arrive.

Usage, in a workspace folder holding figcheck.toml, articles/ and draft.md:
    python3 benches/lsp_latency.py path/to/figcheck
Prints the start-up-and-open time and the median, minimum and maximum
change→diagnostics time over CHANGES changes (default 30; each adds one space).
"""
import json, subprocess, sys, time, os
root=os.path.abspath('.')
p=subprocess.Popen([sys.argv[1],'lsp'],stdin=subprocess.PIPE,stdout=subprocess.PIPE,stderr=subprocess.DEVNULL,cwd=root)
def send(m):
    b=json.dumps(m).encode(); p.stdin.write(b'Content-Length: %d\r\n\r\n'%len(b)+b); p.stdin.flush()
def recv():
    n=None
    while True:
        l=p.stdout.readline()
        if l in (b'\r\n',b'\n'): break
        if l.startswith(b'Content-Length:'): n=int(l.split(b':')[1])
    return json.loads(p.stdout.read(n))
def wait(pred):
    while True:
        m=recv()
        if pred(m): return m
t=time.time()
send({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":None,"rootUri":"file://"+root,"capabilities":{}}})
wait(lambda m:m.get('id')==1)
send({"jsonrpc":"2.0","method":"initialized","params":{}})
text=open('draft.md').read(); uri="file://"+root+"/draft.md"
send({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":uri,"languageId":"markdown","version":1,"text":text}}})
m=wait(lambda m:m.get('method')=='textDocument/publishDiagnostics')
print('startup+open %.0f ms, %d diagnostics'%((time.time()-t)*1000,len(m['params']['diagnostics'])))
ts=[]
changes=int(os.environ.get("CHANGES","30"))
for v in range(2,2+changes):
    text=text.replace(' ','  ',1)
    t=time.time()
    send({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":uri,"version":v},"contentChanges":[{"text":text}]}})
    wait(lambda m:m.get('method')=='textDocument/publishDiagnostics')
    ts.append((time.time()-t)*1000)
ts.sort(); print('change→diagnostics: median %.0f ms, min %.0f, max %.0f over %d changes'%(ts[len(ts)//2],ts[0],ts[-1],len(ts)))
send({"jsonrpc":"2.0","id":99,"method":"shutdown","params":None}); wait(lambda m:m.get('id')==99)
send({"jsonrpc":"2.0","method":"exit","params":None}); p.wait()

// A node-opcua server for the edge agent's interoperability tests (OpcUaNodeOpcuaInteropTest).
//
// Usage: node server.mjs PORT PKI_DIR [TRUSTED_CLIENT_CERT.der ...]
//   listens on opc.tcp://127.0.0.1:PORT with security None, Basic256Sha256 and
//   Aes256_Sha256_RsaPss (Sign, SignAndEncrypt); anonymous or user "operator" / "operator-pw";
//   PKI_DIR is the server's own certificate store (created, self-signed, on first start);
//   the client certificates given are trusted, any other is rejected.
//
// Variables, in the server's own namespace (ns=1), under Objects/Pump:
//   ns=1;s=Pump.Setpoint    Double   42.5, constant
//   ns=1;s=Pump.Temperature Double   20 + 5 sin(t), changes every 100 ms
//   ns=1;s=Pump.Counter     Int32    +1 every 100 ms
//   ns=1;s=Pump.Running     Boolean  toggles every 500 ms
import fs from "node:fs";
import path from "node:path";
import { OPCUACertificateManager } from "node-opcua-certificate-manager";
import { SecurityPolicy } from "node-opcua-secure-channel";
import { OPCUAServer } from "node-opcua-server";
import { MessageSecurityMode } from "node-opcua-types";
import { DataType, Variant } from "node-opcua-variant";

const [port, pkiDir, ...trustedClients] = process.argv.slice(2);
if (!port || !pkiDir) {
  console.error("usage: node server.mjs PORT PKI_DIR [TRUSTED_CLIENT_CERT.der ...]");
  process.exit(2);
}

const certificateManager = new OPCUACertificateManager({
  rootFolder: path.resolve(pkiDir),
  automaticallyAcceptUnknownCertificate: false,
  disableFileWatchers: true,
});
await certificateManager.initialize();
for (const certificate of trustedClients) {
  await certificateManager.trustCertificate(fs.readFileSync(certificate));
}

const server = new OPCUAServer({
  port: Number(port),
  host: "127.0.0.1",
  hostname: "127.0.0.1",
  serverCertificateManager: certificateManager,
  securityPolicies: [SecurityPolicy.None, SecurityPolicy.Basic256Sha256, SecurityPolicy.Aes256_Sha256_RsaPss],
  securityModes: [MessageSecurityMode.None, MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt],
  allowAnonymous: true,
  userManager: { isValidUser: (user, password) => user === "operator" && password === "operator-pw" },
  buildInfo: { productName: "eoc interop node-opcua server", manufacturerName: "node-opcua" },
});
await server.initialize();

const namespace = server.engine.addressSpace.getOwnNamespace();
const pump = namespace.addObject({ organizedBy: server.engine.addressSpace.rootFolder.objects, browseName: "Pump" });
function variable(name, dataType, value) {
  return namespace.addVariable({ componentOf: pump, browseName: name, nodeId: `s=Pump.${name}`, dataType,
    value: new Variant({ dataType: DataType[dataType], value }) });
}
variable("Setpoint", "Double", 42.5);
const temperature = variable("Temperature", "Double", 20);
const counter = variable("Counter", "Int32", 0);
const running = variable("Running", "Boolean", false);
const started = Date.now();
let count = 0;
setInterval(() => {
  count += 1;
  temperature.setValueFromSource(new Variant({ dataType: DataType.Double, value: 20 + 5 * Math.sin((Date.now() - started) / 1000) }));
  counter.setValueFromSource(new Variant({ dataType: DataType.Int32, value: count }));
  if (count % 5 === 0) {
    running.setValueFromSource(new Variant({ dataType: DataType.Boolean, value: !running.readValue().value.value }));
  }
}, 100);

await server.start();
console.log(`node-opcua server listening on ${server.getEndpointUrl()}`);

async function stop() {
  await server.shutdown(0);
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

#!/usr/bin/python3
"""A Modbus TCP server made with pymodbus (Debian python3-pymodbus 3.0), for the edge agent's
interoperability tests: ModbusInteropTest reads and writes the values laid out here.

Usage: pymodbus_server.py PORT    (binds 127.0.0.1:PORT; runs until killed)

The values are encoded here with Python's struct module, independently of the agent's codec.
Addresses are zero-based as on the wire (zero_mode). Holding registers exist at 0-99 only, input
registers at 0-49: anything else is answered with exception 2 (illegal data address).
"""
import asyncio
import struct
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.device import ModbusDeviceIdentification
from pymodbus.server import StartAsyncTcpServer


def words(fmt, value, word_order="big"):
    """The 16-bit registers of value packed big-endian with struct, then in the given word order."""
    raw = struct.pack(">" + fmt, value)
    regs = [int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw), 2)]
    return regs if word_order == "big" else regs[::-1]


def text(value, registers, byte_order="big"):
    """ASCII, two characters per register, NUL-padded; little byte order swaps each pair."""
    raw = value.encode("ascii").ljust(2 * registers, b"\0")
    order = "big" if byte_order == "big" else "little"
    return [int.from_bytes(raw[i:i + 2], order) for i in range(0, len(raw), 2)]


class LoggingSlaveContext(ModbusSlaveContext):
    """Prints every write with its function code, so that a test can see which function was used."""

    def setValues(self, fc_as_hex, address, values):
        print(f"write fc={fc_as_hex} address={address} values={list(values)}", flush=True)
        super().setValues(fc_as_hex, address, values)


def holding():
    regs = [0] * 100
    def put(address, values):
        regs[address:address + len(values)] = values
    put(0, words("h", -1234))
    put(1, words("H", 54321))
    put(2, words("i", -123456789))
    put(4, words("f", 3.25))
    put(6, words("I", 4000000000))
    put(8, words("i", -123456789, "little"))
    put(10, words("f", -1.5e6, "little"))
    put(12, words("I", 4000000000, "little"))
    put(14, [0b1010_0000_0000_0101])
    put(20, text("PYMODBUS-TEST-0042", 10))
    put(30, text("SN 7Y-1234", 6, "little"))
    return regs


def main():
    port = int(sys.argv[1])
    slave = LoggingSlaveContext(
        hr=ModbusSequentialDataBlock(0, holding()),
        ir=ModbusSequentialDataBlock(0, [0] * 50),
        co=ModbusSequentialDataBlock(0, [True, False, True, True] + [False] * 12),
        di=ModbusSequentialDataBlock(0, [False, True, True, False, True, False, False, True] + [False] * 8),
        zero_mode=True)
    inputs = words("h", -7) + words("f", 101.325) + words("I", 123456)
    slave.store["i"].setValues(0, inputs)
    identity = ModbusDeviceIdentification(info_name={
        "VendorName": "pymodbus", "ProductCode": "PM", "MajorMinorRevision": "3.0.0"})
    asyncio.run(StartAsyncTcpServer(context=ModbusServerContext(slaves=slave, single=True),
                                    identity=identity, address=("127.0.0.1", port)))


if __name__ == "__main__":
    main()

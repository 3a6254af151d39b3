package io.eoc.sim.modbus;

import com.ghgande.j2mod.modbus.procimg.DigitalIn;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.FIFO;
import com.ghgande.j2mod.modbus.procimg.File;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A read-only j2mod process image over the latest published {@link RegisterSnapshot}.
 *
 * <p>j2mod builds a function 3/4 response with one {@code get…Range(ref, count)} call, so taking
 * the snapshot once per call serves the whole read from one tick. The registers handed back are
 * fresh copies: j2mod keeps the returned objects in the response and only calls
 * {@code toBytes()} on them when it writes to the socket, so j2mod's own
 * {@code SimpleProcessImage}, which returns its live registers, can send words updated after the
 * response was built, mixing two ticks (e.g. the high word of one float and the low word of the
 * next). Holding and input registers are the same image. There are no coils, discrete
 * inputs, files or FIFOs; single-register access is only used by write requests, which the slave
 * refuses before they get here.
 */
final class SnapshotProcessImage implements ProcessImage {

  /** Told about every range served, with the exact words returned. */
  interface ReadObserver {
    void served(int firstRegister, short[] words);
  }

  private final Supplier<RegisterSnapshot> current;
  private final ReadObserver observer;

  SnapshotProcessImage(Supplier<RegisterSnapshot> current, ReadObserver observer) {
    this.current = Objects.requireNonNull(current, "current");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  @Override
  public Register[] getRegisterRange(int offset, int count) {
    short[] words = serve(offset, count);
    Register[] registers = new Register[words.length];
    for (int i = 0; i < words.length; i++) {
      registers[i] = new SimpleRegister(words[i] & 0xFFFF);
    }
    return registers;
  }

  @Override
  public InputRegister[] getInputRegisterRange(int offset, int count) {
    short[] words = serve(offset, count);
    InputRegister[] registers = new InputRegister[words.length];
    for (int i = 0; i < words.length; i++) {
      registers[i] = new SimpleInputRegister(words[i] & 0xFFFF);
    }
    return registers;
  }

  private short[] serve(int offset, int count) {
    RegisterSnapshot snapshot = current.get();
    short[] words;
    try {
      words = snapshot.words(offset, count);
    } catch (IndexOutOfBoundsException e) {
      // j2mod turns this into exception code 2, ILLEGAL DATA ADDRESS (Application Protocol §7).
      throw new IllegalAddressException(
          "registers " + offset + "+" + count + " outside 0-" + (snapshot.size() - 1));
    }
    observer.served(offset, words);
    return words;
  }

  @Override
  public int getRegisterCount() {
    return current.get().size();
  }

  @Override
  public int getInputRegisterCount() {
    return current.get().size();
  }

  @Override
  public Register getRegister(int ref) {
    throw new IllegalAddressException("registers are read-only");
  }

  @Override
  public InputRegister getInputRegister(int ref) {
    return getInputRegisterRange(ref, 1)[0];
  }

  @Override
  public DigitalOut[] getDigitalOutRange(int offset, int count) {
    throw new IllegalAddressException("no coils");
  }

  @Override
  public DigitalOut getDigitalOut(int ref) {
    throw new IllegalAddressException("no coils");
  }

  @Override
  public int getDigitalOutCount() {
    return 0;
  }

  @Override
  public DigitalIn[] getDigitalInRange(int offset, int count) {
    throw new IllegalAddressException("no discrete inputs");
  }

  @Override
  public DigitalIn getDigitalIn(int ref) {
    throw new IllegalAddressException("no discrete inputs");
  }

  @Override
  public int getDigitalInCount() {
    return 0;
  }

  @Override
  public File getFile(int ref) {
    throw new IllegalAddressException("no files");
  }

  @Override
  public File getFileByNumber(int ref) {
    throw new IllegalAddressException("no files");
  }

  @Override
  public int getFileCount() {
    return 0;
  }

  @Override
  public FIFO getFIFO(int ref) {
    throw new IllegalAddressException("no FIFOs");
  }

  @Override
  public FIFO getFIFOByAddress(int ref) {
    throw new IllegalAddressException("no FIFOs");
  }

  @Override
  public int getFIFOCount() {
    return 0;
  }
}

package org.huying;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;

/**
 * A plain-Java benchmark of the binding's calendar paths (scripts/bench-java.sh):
 *
 * <ul>
 *   <li>the per-call cost of {@code isWorkingDay(LocalDate)} and
 *       {@code isWorkingDay(long)}, and of {@code addWorkingDays(LocalDate, 3)};
 *   <li>the batch {@code addWorkingDays(long[], 3)} per element, side by side
 *       with a plain Java binary search over a sorted table of working days
 *       (the table a Java platform would keep itself), on the same days.
 * </ul>
 *
 * Each measure runs in rounds, alternating between the contenders; the
 * minimum and median of the rounds are printed (ns per operation).
 */
public final class Bench {
    private static long sink;

    private Bench() {}

    interface Op {
        void run();
    }

    private static double[] rounds(Op op, int rounds, long opsPerRound) {
        double[] ns = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            op.run();
            ns[r] = (System.nanoTime() - t0) / (double) opsPerRound;
        }
        return ns;
    }

    private static String stats(double[] ns) {
        double[] s = ns.clone();
        Arrays.sort(s);
        return String.format("min %6.2f  median %6.2f ns/op", s[0], s[s.length / 2]);
    }

    /** The plain Java way: working days' day numbers, sorted; n ≥ 1 working days after d. */
    static long plainAdd(int[] work, long d, int n) {
        int i = Arrays.binarySearch(work, (int) d);
        int next = i >= 0 ? i + 1 : -(i + 1);
        int k = next + n - 1;
        if (k >= work.length || d < work[0] - 1) {
            throw new IllegalArgumentException("not covered");
        }
        return work[k];
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Calendar cal = Calendar.china();
        // 4,096 mixed dates over 2005-2025, as the Rust bench (core/benches/calendar.rs).
        Random rnd = new Random(2025);
        long from = LocalDate.of(2005, 1, 1).toEpochDay();
        long to = LocalDate.of(2025, 12, 31).toEpochDay();
        long[] days = new long[4096];
        LocalDate[] dates = new LocalDate[days.length];
        for (int i = 0; i < days.length; i++) {
            days[i] = from + (long) (rnd.nextDouble() * (to - from - 30));
            dates[i] = LocalDate.ofEpochDay(days[i]);
        }
        // The plain table: every working day of the covered years, from the calendar itself.
        long first = cal.coverageStart().toEpochDay();
        long last = cal.coverageEnd().toEpochDay();
        int[] tmp = new int[(int) (last - first + 1)];
        int count = 0;
        for (long d = first; d <= last; d++) {
            if (cal.isWorkingDay(d)) {
                tmp[count++] = (int) d;
            }
        }
        int[] work = Arrays.copyOf(tmp, count);
        // The two agree.
        long[] viaRust = cal.addWorkingDays(days, 3);
        for (int i = 0; i < days.length; i++) {
            if (viaRust[i] != plainAdd(work, days[i], 3)) {
                throw new AssertionError("disagree at " + dates[i]);
            }
        }
        int reps = 250; // 250 x 4096 ~ 1M operations per round
        long ops = (long) reps * days.length;
        Op single = () -> {
            long s = 0;
            for (int r = 0; r < reps; r++) {
                for (LocalDate d : dates) {
                    s += cal.isWorkingDay(d) ? 1 : 0;
                }
            }
            sink += s;
        };
        Op singleDay = () -> {
            long s = 0;
            for (int r = 0; r < reps; r++) {
                for (long d : days) {
                    s += cal.isWorkingDay(d) ? 1 : 0;
                }
            }
            sink += s;
        };
        Op singleAdd = () -> {
            long s = 0;
            for (int r = 0; r < reps; r++) {
                for (LocalDate d : dates) {
                    s += cal.addWorkingDays(d, 3).toEpochDay();
                }
            }
            sink += s;
        };
        Op batch = () -> {
            long s = 0;
            for (int r = 0; r < reps; r++) {
                long[] out = cal.addWorkingDays(days, 3);
                s += out[r % out.length];
            }
            sink += s;
        };
        Op plain = () -> {
            long s = 0;
            long[] out = new long[days.length];
            for (int r = 0; r < reps; r++) {
                for (int i = 0; i < days.length; i++) {
                    out[i] = plainAdd(work, days[i], 3);
                }
                s += out[r % out.length];
            }
            sink += s;
        };
        long[] big = new long[1 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = days[i & 4095];
        }
        Op batchBig = () -> sink += cal.addWorkingDays(big, 3)[7];
        Op plainBig = () -> {
            long[] out = new long[big.length];
            for (int i = 0; i < big.length; i++) {
                out[i] = plainAdd(work, big[i], 3);
            }
            sink += out[7];
        };
        // Warm-up (JIT) of every contender.
        for (Op op : new Op[] {single, singleDay, singleAdd, batch, plain, batchBig, plainBig}) {
            rounds(op, 3, 1);
        }
        double[][] r = new double[7][rounds];
        for (int k = 0; k < rounds; k++) {
            r[0][k] = rounds(single, 1, ops)[0];
            r[1][k] = rounds(singleDay, 1, ops)[0];
            r[2][k] = rounds(singleAdd, 1, ops)[0];
            r[3][k] = rounds(batch, 1, ops)[0];
            r[4][k] = rounds(plain, 1, ops)[0];
            r[5][k] = rounds(batchBig, 1, big.length)[0];
            r[6][k] = rounds(plainBig, 1, big.length)[0];
        }
        System.out.println("Huying Java binding, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + ", " + rounds + " rounds, " + work.length
                + " working days in the plain table");
        System.out.println("isWorkingDay(LocalDate), one JNI call each      " + stats(r[0]));
        System.out.println("isWorkingDay(long epochDay), one JNI call each  " + stats(r[1]));
        System.out.println("addWorkingDays(LocalDate, 3), one JNI call each " + stats(r[2]));
        System.out.println("addWorkingDays(long[4096], 3), per element      " + stats(r[3]));
        System.out.println("plain Java binary search, 4096 days, per element " + stats(r[4]));
        System.out.println("addWorkingDays(long[1M], 3), per element        " + stats(r[5]));
        System.out.println("plain Java binary search, 1M days, per element  " + stats(r[6]));
        System.out.println("(checksum " + sink + ")");
    }
}

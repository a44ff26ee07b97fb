package dev.aikagi.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs calls at the same moment: each on its own virtual thread, released together by one latch. */
final class Race {

    private Race() {
    }

    static <T> List<T> run(List<Callable<T>> calls) throws Exception {
        CountDownLatch ready = new CountDownLatch(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Callable<T> call : calls) {
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    /** Runs the calls on {@code parallelism} threads (seeding), in order of submission. */
    static <T> List<T> parallel(int parallelism, List<Callable<T>> calls) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(parallelism)) {
            for (Callable<T> call : calls) {
                futures.add(threads.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    /** "200 AUTHENTICATED", "401 code_already_used", "429 too_many_attempts", …: how a response ended. */
    static String outcome(Api.Response r) {
        if (r.status() == 200) {
            return "200 " + r.text("status");
        }
        String code = r.body().startsWith("{") ? r.code() : "";
        return r.status() + " " + code;
    }

    static void count(Map<String, Integer> histogram, String key) {
        histogram.merge(key, 1, Integer::sum);
    }

    static Map<String, Integer> histogram() {
        return new TreeMap<>();
    }
}

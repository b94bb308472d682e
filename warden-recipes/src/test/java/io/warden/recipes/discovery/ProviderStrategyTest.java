package io.warden.recipes.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProviderStrategyTest {

    static ServiceInstance instance(String id) {
        return ServiceInstance.builder("api").id(id).registrationTimeUtcMs(0).build();
    }

    static List<ServiceInstance> instances(String... ids) {
        List<ServiceInstance> list = new ArrayList<>();
        for (String id : ids) {
            list.add(instance(id));
        }
        return List.copyOf(list);
    }

    private static List<String> pickIds(ProviderStrategy strategy, List<ServiceInstance> candidates, int times) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            ids.add(strategy.pick(candidates, null).id());
        }
        return ids;
    }

    @Test
    void roundRobinCyclesThroughTheCandidatesInOrder() {
        ProviderStrategy strategy = ProviderStrategy.roundRobin();

        assertThat(pickIds(strategy, instances("a", "b", "c"), 7)).containsExactly("a", "b", "c", "a", "b", "c", "a");
        assertThat(pickIds(strategy, instances("a", "b"), 2)).containsExactly("b", "a");
    }

    @Test
    void leastRecentlyUsedTakesNeverPickedFirstThenTheOldestPick() {
        ProviderStrategy strategy = ProviderStrategy.leastRecentlyUsed();
        List<ServiceInstance> three = instances("a", "b", "c");

        assertThat(pickIds(strategy, three, 4)).containsExactly("a", "b", "c", "a");
        // d joins: never picked, so it goes first; then b, whose last pick is now the oldest.
        assertThat(pickIds(strategy, instances("a", "b", "c", "d"), 3)).containsExactly("d", "b", "c");
        // a leaves and comes back: forgotten, so it counts as never picked.
        assertThat(pickIds(strategy, instances("b", "c", "d"), 1)).containsExactly("d");
        assertThat(pickIds(strategy, instances("a", "b", "c", "d"), 2)).containsExactly("a", "b");
    }

    @Test
    void randomPicksOnlyCandidatesAndReachesEachOfThem() {
        ProviderStrategy strategy = ProviderStrategy.random(new Random(42));
        List<ServiceInstance> candidates = instances("a", "b", "c", "d");
        Map<String, Integer> counts = new HashMap<>();
        for (String id : pickIds(strategy, candidates, 4_000)) {
            counts.merge(id, 1, Integer::sum);
        }

        assertThat(counts).containsOnlyKeys("a", "b", "c", "d");
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(800, 1_200));
        assertThat(pickIds(ProviderStrategy.random(new Random(7)), candidates, 50))
                .isEqualTo(pickIds(ProviderStrategy.random(new Random(7)), candidates, 50));
    }

    @Test
    void consistentHashingNeedsAKeyAndKeepsItWithItsInstance() {
        ProviderStrategy strategy = ProviderStrategy.consistentHashing();
        List<ServiceInstance> candidates = instances("a", "b", "c");

        assertThatThrownBy(() -> strategy.pick(candidates, null)).isInstanceOf(IllegalArgumentException.class);
        for (int key = 0; key < 100; key++) {
            String chosen = strategy.pick(candidates, "user-" + key).id();
            assertThat(strategy.pick(candidates, "user-" + key).id()).isEqualTo(chosen);
            assertThat(ProviderStrategy.consistentHashing().pick(candidates, "user-" + key).id()).isEqualTo(chosen);
        }
        assertThatThrownBy(() -> ProviderStrategy.consistentHashing(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void disabledAndDownInstancesAreNeverCandidates() {
        AtomicLong nowMs = new AtomicLong();
        DownInstances down = new DownInstances(1_000, 2, nowMs::get);
        ServiceInstance disabled = instance("b").toBuilder().enabled(false).build();
        List<ServiceInstance> all = List.of(instance("a"), disabled, instance("c"));

        assertThat(ServiceProvider.candidates(all, down)).extracting(ServiceInstance::id).containsExactly("a", "c");
        down.noteError(instance("c"));
        assertThat(ServiceProvider.candidates(all, down)).extracting(ServiceInstance::id).containsExactly("a", "c");
        down.noteError(instance("c"));
        assertThat(ServiceProvider.candidates(all, down)).extracting(ServiceInstance::id).containsExactly("a");
        for (ProviderStrategy strategy : List.of(ProviderStrategy.roundRobin(), ProviderStrategy.leastRecentlyUsed(),
                ProviderStrategy.random(new Random(1)))) {
            assertThat(pickIds(strategy, ServiceProvider.candidates(all, down), 5)).containsOnly("a");
        }
        nowMs.set(1_000);
        assertThat(ServiceProvider.candidates(all, down)).extracting(ServiceInstance::id).containsExactly("a", "c");
    }

    @Test
    void errorsFarApartDoNotMarkAnInstanceDown() {
        AtomicLong nowMs = new AtomicLong();
        DownInstances down = new DownInstances(1_000, 2, nowMs::get);

        down.noteError(instance("a"));
        nowMs.set(1_500);
        down.noteError(instance("a"));
        assertThat(down.isDown(instance("a"))).isFalse();
        nowMs.set(1_600);
        down.noteError(instance("a"));
        assertThat(down.isDown(instance("a"))).isTrue();
        nowMs.set(2_599);
        assertThat(down.isDown(instance("a"))).isTrue();
        nowMs.set(2_600);
        assertThat(down.isDown(instance("a"))).isFalse();
    }
}

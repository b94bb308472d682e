package io.warden.testkit.linearizability;

import static io.warden.testkit.linearizability.RegisterModel.cas;
import static io.warden.testkit.linearizability.RegisterModel.failed;
import static io.warden.testkit.linearizability.RegisterModel.ok;
import static io.warden.testkit.linearizability.RegisterModel.read;
import static io.warden.testkit.linearizability.RegisterModel.value;
import static io.warden.testkit.linearizability.RegisterModel.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The register model on its own: which outputs each input may return in a state. */
class RegisterModelTest {
    private final RegisterModel<String> register = RegisterModel.startingWith("init");

    @Test
    void startsWithTheInitialValue() {
        assertThat(register.initialState()).isEqualTo("init");
        assertThat(register.step("init", read(), value("init"))).contains("init");
        assertThat(register.step("init", read(), value("other"))).isEmpty();
    }

    @Test
    void aWriteSetsTheValueAndAFailedWriteChangesNothing() {
        assertThat(register.step("a", write("b"), ok())).contains("b");
        assertThat(register.step("a", write("b"), failed())).contains("a");
        assertThat(register.stepUnobserved("a", write("b"))).isEqualTo("b");
    }

    @Test
    void compareAndSetComparesByValue() {
        assertThat(register.step("a", cas("a", "b"), ok())).contains("b");
        assertThat(register.step("a", cas("x", "b"), ok())).isEmpty();
        assertThat(register.step("a", cas("x", "b"), failed())).contains("a");
        assertThat(register.step("a", cas("a", "b"), failed())).isEmpty();
        assertThat(register.stepUnobserved("a", cas("a", "b"))).isEqualTo("b");
        assertThat(register.stepUnobserved("a", cas("x", "b"))).isEqualTo("a");
        assertThat(register.stepUnobserved("a", read())).isEqualTo("a");
    }

    @Test
    void refusesAnOutputOfTheWrongKind() {
        assertThatThrownBy(() -> register.step("a", read(), ok()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read() cannot return ok");
        assertThatThrownBy(() -> register.step("a", write("b"), value("b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inputsAndOutputsReadWellInExplanations() {
        assertThat(RegisterModel.<Long>write(5L)).hasToString("write(5)");
        assertThat(RegisterModel.<Long>cas(1L, 2L)).hasToString("cas(1, 2)");
        assertThat(RegisterModel.<Long>read()).hasToString("read()");
        assertThat(RegisterModel.<Long>value(7L)).hasToString("7");
        assertThat(RegisterModel.<Long>failed()).hasToString("failed");
        assertThat(RegisterModel.<Long>read()).isEqualTo(RegisterModel.<Long>read());
    }
}

package org.mashgateway.xml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberCheckDigitTest {

    @ParameterizedTest
    @ValueSource(strings = {"9434765919", "9434765870", "4010232137", "1234567881", "9999999999"})
    void numbersWhoseModulus11CheckDigitMatchesAreValid(String number) {
        assertThat(DocumentRules.hasValidCheckDigit(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9434765918", "9434765910", "4010232138", "1234567890", "1234567899", "943476591", "94347659190", "943476591X", ""})
    void numbersWithAWrongOrImpossibleCheckDigitOrWrongLengthAreInvalid(String number) {
        assertThat(DocumentRules.hasValidCheckDigit(number)).isFalse();
    }
}

package com.visualdm.worldengine.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.visualdm.worldengine.EngineApplication;

/** Base of tests that use the engine's beans on the real test database. One context for all of them. */
@SpringBootTest(classes = EngineApplication.class)
public abstract class DatabaseTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.get().properties().forEach((key, value) -> registry.add(key, () -> value));
    }
}

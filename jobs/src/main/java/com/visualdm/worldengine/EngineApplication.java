package com.visualdm.worldengine;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot application behind every command that needs the database. */
@SpringBootApplication
public class EngineApplication {
}

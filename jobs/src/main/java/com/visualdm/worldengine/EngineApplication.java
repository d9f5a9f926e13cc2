package com.visualdm.worldengine;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application behind every command that needs the database. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EngineApplication {
}

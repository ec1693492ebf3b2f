package com.guanjia;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GuanjiaApplication {
  public static void main(String[] args) {
    SpringApplication.run(GuanjiaApplication.class, args);
  }
}

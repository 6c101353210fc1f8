package io.omnihub.hub.pricing;

import static io.omnihub.hub.pricing.PricingFields.*;

import io.omnihub.hub.web.Problems;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The manual tasks promotions leave for a person ({@code /api/tasks}): a channel without a price
 * API is set up and taken down by hand, and the task marked done here.
 */
@RestController
@RequestMapping("/api")
public class ManualTaskController {

    private final ManualTasks tasks;

    public ManualTaskController(ManualTasks tasks) {
        this.tasks = tasks;
    }

    @GetMapping("/tasks")
    public List<Map<String, Object>> tasks(@RequestParam(defaultValue = "OPEN") String state) {
        return tasks.inState(state);
    }

    @PostMapping("/tasks/{id}/done")
    public ResponseEntity<String> taskDone(@PathVariable long id) {
        return tasks.done(id)
                ? ResponseEntity.noContent().build()
                : Problems.problem(HttpStatus.NOT_FOUND, "No open task", "No open task " + id, null);
    }
}
